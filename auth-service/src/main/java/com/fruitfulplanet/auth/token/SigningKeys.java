package com.fruitfulplanet.auth.token;

import com.fruitfulplanet.auth.config.AuthProperties;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The ES256 keys access tokens are signed with: one active key signs, every key that may still have signed a live
 * token is published at {@code /.well-known/jwks.json}.
 *
 * <p>Where the keys come from:
 * <ul>
 *   <li><b>Configured</b> ({@code fruitfulplanet.auth.tokens.signing-keys}, a private JWK set from a Secret): the
 *       operator rotates by adding a key, making it active, and removing the old one after an access-token lifetime.
 *   <li><b>Generated</b> (nothing configured): the first replica to start generates a key and stores it in the
 *       schema; every replica reads the same keys and re-reads them every {@code key-reload-interval}. An admin
 *       rotates with {@code POST /api/v1/auth/signing-keys/rotate}: the new key signs at once, the old one stays
 *       published for {@code retired-key-grace}.
 * </ul>
 */
@Component
public class SigningKeys implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    /** Serialises key generation across replicas starting at the same moment. */
    private static final long GENERATION_LOCK = 0x5167_4b65_7973L;

    record KeyRing(ECKey active, JWKSet published) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final AuthProperties.Tokens settings;
    private volatile KeyRing ring;
    private volatile Disposable reloading;

    public SigningKeys(DatabaseClient db, TransactionalOperator transactions, AuthProperties properties) {
        this.db = db;
        this.transactions = transactions;
        this.settings = properties.tokens();
    }

    public ECKey active() {
        return Objects.requireNonNull(ring, "signing keys not loaded yet").active();
    }

    /** Public keys only: what the JWKS endpoint serves. */
    public JWKSet published() {
        return Objects.requireNonNull(ring, "signing keys not loaded yet").published().toPublicJWKSet();
    }

    /** The public key that may have signed this token, for the service's own token checks. */
    public Flux<JWK> keysFor(SignedJWT token) {
        JWK key = ring == null ? null : ring.published().getKeyByKeyId(token.getHeader().getKeyID());
        return key == null ? Flux.empty() : Flux.just(key.toPublicJWK());
    }

    public boolean configured() {
        return settings.signingKeys() != null && !settings.signingKeys().isBlank();
    }

    /** Generates a new active key and retires the current one (generated keys only). */
    public Mono<String> rotate() {
        if (configured()) {
            return Mono.error(new IllegalStateException("configured keys are rotated in the Secret"));
        }
        ECKey fresh = generate();
        return transactions.transactional(db.sql("SELECT pg_advisory_xact_lock(:lock)").bind("lock", GENERATION_LOCK)
                        .then()
                        .then(db.sql("UPDATE signing_key SET retired_at = now() WHERE retired_at IS NULL").then())
                        .then(insert(fresh)))
                .then(load())
                .thenReturn(fresh.getKeyID());
    }

    @Override
    public void start() {
        // Start-up, not a request: the service must not take traffic before it can sign and verify tokens.
        ring = (configured() ? Mono.fromCallable(this::fromConfiguration) : generatedKeys()).block(Duration.ofSeconds(30));
        log.info("Signing with key {}; publishing {} key(s)", ring.active().getKeyID(), ring.published().size());
        if (!configured()) {
            reloading = Flux.interval(settings.keyReloadInterval(), settings.keyReloadInterval())
                    .concatMap(tick -> load().onErrorResume(failure -> {
                        log.warn("Could not re-read the signing keys; keeping the current ones: {}", failure.toString());
                        return Mono.empty();
                    }))
                    .subscribe();
        }
    }

    @Override
    public void stop() {
        if (reloading != null) {
            reloading.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return ring != null && (configured() || reloading != null && !reloading.isDisposed());
    }

    @Override
    public int getPhase() {
        // Before the web server starts taking requests.
        return Integer.MIN_VALUE + 1000;
    }

    private KeyRing fromConfiguration() throws ParseException {
        JWKSet keys = JWKSet.parse(settings.signingKeys());
        List<ECKey> signing = keys.getKeys().stream().filter(key -> key instanceof ECKey && key.isPrivate())
                .map(ECKey.class::cast).toList();
        if (signing.isEmpty()) {
            throw new IllegalStateException("fruitfulplanet.auth.tokens.signing-keys holds no private EC key");
        }
        String activeId = settings.activeKeyId();
        ECKey active = activeId == null || activeId.isBlank() ? signing.getFirst()
                : signing.stream().filter(key -> activeId.equals(key.getKeyID())).findFirst().orElseThrow(
                        () -> new IllegalStateException("active-key-id " + activeId + " is not in signing-keys"));
        return new KeyRing(active, new JWKSet(new ArrayList<JWK>(signing)));
    }

    private Mono<KeyRing> generatedKeys() {
        return load().switchIfEmpty(transactions.transactional(
                        db.sql("SELECT pg_advisory_xact_lock(:lock)").bind("lock", GENERATION_LOCK).then()
                                .then(db.sql("SELECT count(*) FROM signing_key WHERE retired_at IS NULL")
                                        .map(row -> row.get(0, Long.class)).one())
                                .flatMap(active -> active > 0 ? Mono.<Void>empty() : insert(generate())))
                .then(load()));
    }

    /** Reads the stored keys; completes empty when none is active. */
    private Mono<KeyRing> load() {
        Instant publishedSince = Instant.now().minus(settings.retiredKeyGrace());
        return db.sql("""
                        SELECT kid, private_jwk, retired_at FROM signing_key
                        WHERE retired_at IS NULL OR retired_at > :since
                        ORDER BY created_at DESC""")
                .bind("since", publishedSince)
                .map(row -> new StoredKey(parse(row.get("private_jwk", String.class)),
                        row.get("retired_at", OffsetDateTime.class) == null))
                .all().collectList()
                .flatMap(stored -> {
                    ECKey active = stored.stream().filter(StoredKey::active).map(StoredKey::key).findFirst()
                            .orElse(null);
                    if (active == null) {
                        return Mono.empty();
                    }
                    KeyRing loaded = new KeyRing(active,
                            new JWKSet(stored.stream().map(StoredKey::key).map(JWK.class::cast).toList()));
                    ring = loaded;
                    return Mono.just(loaded);
                });
    }

    private record StoredKey(ECKey key, boolean active) {
    }

    private Mono<Void> insert(ECKey key) {
        return db.sql("INSERT INTO signing_key (kid, private_jwk) VALUES (:kid, :jwk)")
                .bind("kid", key.getKeyID()).bind("jwk", key.toJSONString()).then();
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyID(UUID.randomUUID().toString()).issueTime(new java.util.Date()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate a signing key", e);
        }
    }

    private static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("A stored signing key is not a valid EC JWK", e);
        }
    }
}
