package com.fruitfulplanet.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fruitfulplanet.platform.config.PlatformJwtAutoConfiguration;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The platform's access-token decoder against a JWKS endpoint on loopback: what it accepts, what it refuses and how
 * often it asks for the keys.
 */
class PlatformJwtDecoderTest {

    private final ECKey signingKey = generate("key-1");
    private final ECKey rotatedKey = generate("key-2");
    private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(signingKey.toPublicJWK()));
    private final AtomicInteger fetches = new AtomicInteger();
    /** False: the key server answers 503, as an auth-service that is down behind its Service would. */
    private volatile boolean keyServerUp = true;
    private final MutableClock clock = new MutableClock();
    private HttpServer jwks;
    private PlatformJwtProperties properties;
    private NimbusReactiveJwtDecoder decoder;

    @BeforeEach
    void startKeyServer() throws IOException {
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            if (!keyServerUp) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            // Like auth-service: the key set is served as application/jwk-set+json only.
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            if (accept != null && !accept.contains("application/jwk-set+json") && !accept.contains("*/*")) {
                exchange.sendResponseHeaders(406, -1);
                exchange.close();
                return;
            }
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        properties = new PlatformJwtProperties(
                URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json"),
                PlatformJwtProperties.ISSUER, PlatformJwtProperties.AUDIENCE, Duration.ofMinutes(5),
                Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofSeconds(30));
        JwkSetCache cache = new JwkSetCache(WebClient.create(), properties, clock);
        decoder = NimbusReactiveJwtDecoder.withJwkSource(cache::keysFor).jwsAlgorithm(SignatureAlgorithm.ES256).build();
        decoder.setJwtValidator(PlatformJwtAutoConfiguration.accessTokenValidator(properties));
    }

    @AfterEach
    void stopKeyServer() {
        jwks.stop(0);
    }

    @Test
    void aWellFormedTokenIsAcceptedWithItsClaims() {
        Jwt jwt = decoder.decode(sign(signingKey, claims().build())).block();

        assertThat(jwt.getSubject()).isEqualTo("3f0f5c5e-0000-4000-8000-000000000001");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("CUSTOMER");
    }

    @Test
    void tokensThatAreNotOursAreRefused() throws Exception {
        Instant now = Instant.now();
        ECKey stranger = generate("key-1");
        List<String> refused = List.of(
                sign(stranger, claims().build()),
                sign(signingKey, claims().expirationTime(Date.from(now.minusSeconds(120))).build()),
                sign(signingKey, claims().notBeforeTime(Date.from(now.plusSeconds(600))).build()),
                sign(signingKey, claims().audience("someone-else").build()),
                sign(signingKey, claims().issuer("urn:evil").build()),
                sign(signingKey, claims().subject(null).build()),
                sign(signingKey, claims().expirationTime(null).build()),
                new PlainJWT(new PlainHeader(), claims().build()).serialize(),
                hmacWithThePublicKey(claims().build()));

        for (String token : refused) {
            assertThatThrownBy(() -> decoder.decode(token).block()).as(token).isInstanceOf(JwtException.class);
        }
    }

    @Test
    void aRotatedInKeyIsFetchedOnFirstSight() {
        decoder.decode(sign(signingKey, claims().build())).block();
        published.set(new JWKSet(List.of(signingKey.toPublicJWK(), rotatedKey.toPublicJWK())));
        clock.advance(Duration.ofSeconds(6));

        Jwt jwt = decoder.decode(sign(rotatedKey, claims().build())).block();

        assertThat(jwt.getHeaders()).containsEntry("kid", "key-2");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void madeUpKeyIdsCauseAtMostOneFetchPerCooldown() {
        decoder.decode(sign(signingKey, claims().build())).block();
        for (int i = 0; i < 50; i++) {
            ECKey fake = generate("made-up-" + i);
            assertThatThrownBy(() -> decoder.decode(sign(fake, claims().build())).block())
                    .isInstanceOf(JwtException.class);
        }
        assertThat(fetches).as("the first fetch only: all within the cooldown").hasValue(1);

        clock.advance(Duration.ofSeconds(6));
        assertThatThrownBy(() -> decoder.decode(sign(generate("made-up-late"), claims().build())).block())
                .isInstanceOf(JwtException.class);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aWithdrawnKeyStopsWorkingAfterTheCacheTtl() {
        String token = sign(signingKey, claims().build());
        decoder.decode(token).block();
        published.set(new JWKSet(rotatedKey.toPublicJWK()));

        clock.advance(Duration.ofMinutes(4));
        assertThat(decoder.decode(token).block()).isNotNull();

        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtException.class);
    }

    @Test
    void theLastKeysKeepServingWhileTheKeyServerIsDown() {
        String token = sign(signingKey, claims().build());
        decoder.decode(token).block();
        keyServerUp = false;

        clock.advance(Duration.ofMinutes(10));
        assertThat(decoder.decode(token).block()).as("stale keys within an hour").isNotNull();

        clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtException.class);
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(PlatformJwtProperties.ISSUER)
                .audience(PlatformJwtProperties.AUDIENCE)
                .subject("3f0f5c5e-0000-4000-8000-000000000001")
                .claim("roles", List.of("CUSTOMER"))
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(900)));
    }

    private static String sign(ECKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic algorithm-confusion attack: HMAC "signed" with the verifier's public key as the secret. */
    private String hmacWithThePublicKey(JWTClaimsSet claims) throws Exception {
        byte[] secret = MessageDigest.getInstance("SHA-256")
                .digest(signingKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
