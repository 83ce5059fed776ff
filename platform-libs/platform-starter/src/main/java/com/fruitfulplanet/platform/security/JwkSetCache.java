package com.fruitfulplanet.platform.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * auth-service's public signing keys, fetched from its JWKS endpoint and kept for {@code cacheTtl}.
 *
 * <ul>
 *   <li>A token signed with a key id not in the cache triggers a fetch, so a rotated-in key works at once; such
 *       fetches happen at most once per {@code refreshCooldown}, so made-up key ids cannot flood auth-service.</li>
 *   <li>Concurrent requests share one fetch in flight.</li>
 *   <li>When auth-service cannot be reached the last keys keep serving for {@code staleKeysMaxAge}: an auth-service
 *       restart must not log the whole shop out.</li>
 *   <li>Only EC signing keys are ever offered to the verifier; which algorithm is accepted is fixed by the decoder
 *       (ES256), never by the token's header.</li>
 * </ul>
 */
public final class JwkSetCache {

    private static final Logger log = LoggerFactory.getLogger(JwkSetCache.class);
    private static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

    private record Snapshot(JWKSet keys, Instant fetchedAt) {
        static final Snapshot EMPTY = new Snapshot(new JWKSet(), Instant.EPOCH);
    }

    private final WebClient http;
    private final PlatformJwtProperties properties;
    private final Clock clock;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(Snapshot.EMPTY);
    private final AtomicReference<Mono<Snapshot>> inFlight = new AtomicReference<>();
    private volatile Instant lastAttempt = Instant.EPOCH;

    public JwkSetCache(WebClient http, PlatformJwtProperties properties, Clock clock) {
        this.http = http;
        this.properties = properties;
        this.clock = clock;
    }

    /** The keys that may have signed this token: matched by {@code kid}, EC, for signatures. */
    public Flux<JWK> keysFor(SignedJWT token) {
        JWKSelector selector = new JWKSelector(new JWKMatcher.Builder()
                .keyID(token.getHeader().getKeyID())
                .keyType(KeyType.EC)
                .keyUses(KeyUse.SIGNATURE, null)
                .algorithms(JWSAlgorithm.ES256, null)
                .build());
        Snapshot current = snapshot.get();
        Instant now = clock.instant();
        boolean expired = current.fetchedAt().plus(properties.cacheTtl()).isBefore(now);
        List<JWK> matches = selector.select(current.keys());
        if (!expired && !matches.isEmpty()) {
            return Flux.fromIterable(matches);
        }
        boolean mayRefresh = expired || lastAttempt.plus(properties.refreshCooldown()).isBefore(now);
        if (!mayRefresh) {
            return Flux.fromIterable(matches);
        }
        return refresh().flatMapMany(fresh -> Flux.fromIterable(selector.select(fresh.keys())));
    }

    private Mono<Snapshot> refresh() {
        Mono<Snapshot> running = inFlight.get();
        if (running != null) {
            return running;
        }
        // Cleared before the result goes out (doOnTerminate), not after (doFinally alone): a caller that has its
        // answer and asks again at once must start a new fetch, not be handed this finished one.
        AtomicReference<Mono<Snapshot>> self = new AtomicReference<>();
        Mono<Snapshot> fetch = fetch()
                .doOnTerminate(() -> inFlight.compareAndSet(self.get(), null))
                .doFinally(signal -> inFlight.compareAndSet(self.get(), null))
                .cache();
        self.set(fetch);
        return inFlight.compareAndSet(null, fetch) ? fetch : refresh();
    }

    private Mono<Snapshot> fetch() {
        return Mono.defer(() -> {
                    lastAttempt = clock.instant();
                    // RFC 7517's type first: auth-service serves the set as application/jwk-set+json only.
                    return http.get().uri(properties.jwkSetUri()).accept(JWK_SET, MediaType.APPLICATION_JSON)
                            .retrieve().bodyToMono(String.class);
                })
                .timeout(properties.fetchTimeout())
                .map(JwkSetCache::parse)
                .map(keys -> {
                    Snapshot fresh = new Snapshot(keys, clock.instant());
                    snapshot.set(fresh);
                    return fresh;
                })
                .onErrorResume(failure -> {
                    Snapshot stale = snapshot.get();
                    boolean usable = stale.fetchedAt().plus(properties.staleKeysMaxAge()).isAfter(clock.instant());
                    log.warn("Could not fetch the signing keys from {} ({}); {}", properties.jwkSetUri(),
                            failure.toString(), usable ? "serving the last keys" : "no usable keys");
                    return Mono.just(usable ? stale : Snapshot.EMPTY);
                });
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body).toPublicJWKSet();
        } catch (ParseException e) {
            throw new IllegalStateException("The JWKS endpoint answered something that is not a JWK set", e);
        }
    }
}
