package com.fruitfulplanet.platform.test.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Plays auth-service in tests: ES256 signing keys, access tokens shaped like auth-service's (and
 * every way of getting one wrong), and a JWKS endpoint on loopback that publishes the keys the test chooses.
 */
public final class TestTokens {

    public static final String ISSUER = "urn:fruitfulplanet:auth-service";
    public static final String AUDIENCE = "fruitfulplanet-api";

    public final ECKey signingKey = newKey("key-1");
    public final AtomicInteger jwksFetches = new AtomicInteger();
    private final List<JWK> published = new CopyOnWriteArrayList<>(List.of(signingKey.toPublicJWK()));
    private final DisposableServer jwks;

    public TestTokens() {
        this.jwks = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.get("/.well-known/jwks.json", (request, response) -> {
                    jwksFetches.incrementAndGet();
                    return response.header("Content-Type", "application/json")
                            .sendString(Mono.fromSupplier(() -> new JWKSet(published).toString()));
                }))
                .bindNow();
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + jwks.port() + "/.well-known/jwks.json";
    }

    /** A valid access token of a new user. */
    public String valid() {
        return valid(UUID.randomUUID().toString());
    }

    /** A valid access token of a new user with these roles (CUSTOMER, MANAGER, ADMIN, PARTNER). */
    public String withRoles(String... roles) {
        return sign(claims(UUID.randomUUID().toString()).claim("roles", List.of(roles)).build());
    }

    public String valid(String subject) {
        return signed(signingKey, claims(subject).build());
    }

    /** Claims as auth-service writes them, valid for five minutes from now. */
    public static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .claim("roles", List.of("CUSTOMER"))
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    /** Signed with the published signing key. */
    public String sign(JWTClaimsSet claims) {
        return signed(signingKey, claims);
    }

    public static String signed(ECKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: no signature at all. */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** The algorithm-confusion attack: HS256 with the (public, known to everyone) EC key's bytes as the secret. */
    public String hmacWithPublicKey(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKey.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(signingKey.toPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey newKey(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds a key to the JWKS, as auth-service does when it rotates keys. */
    public void publish(ECKey key) {
        published.add(key.toPublicJWK());
    }

    public void stop() {
        jwks.disposeNow();
    }
}
