package com.fruitfulplanet.platform.security;

import com.fruitfulplanet.platform.testapp.StarterTestApplication;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With a JWT decoder configured, a signed token opens protected routes and its roles become authorities. */
@SpringBootTest(classes = StarterTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(ResourceServerDefaultsTest.TrustedKey.class)
class ResourceServerDefaultsTest {

    static final ECKey SIGNING_KEY = generate();
    static final ECKey FOREIGN_KEY = generate();

    @TestConfiguration
    static class TrustedKey {
        @Bean
        ReactiveJwtDecoder jwtDecoder() {
            return NimbusReactiveJwtDecoder.withJwkSource(jwt -> reactor.core.publisher.Flux.just(SIGNING_KEY.toPublicJWK()))
                    .jwsAlgorithm(SignatureAlgorithm.ES256).build();
        }
    }

    @Autowired
    WebTestClient client;

    @Test
    void aValidTokenCarriesItsRolesAsAuthorities() {
        client.get().uri("/api/v1/private/whoami").headers(h -> h.setBearerAuth(token(SIGNING_KEY, 300)))
                .exchange()
                .expectStatus().isOk()
                .expectBody().json("[\"ROLE_MANAGER\",\"ROLE_CUSTOMER\"]");
    }

    @Test
    void withAValidTokenAnUnknownRouteIsNotFound() {
        client.get().uri("/api/v1/private/nothing-here").headers(h -> h.setBearerAuth(token(SIGNING_KEY, 300)))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void expiredOrForeignTokensAreRefusedAlike() {
        for (String token : List.of(token(SIGNING_KEY, -60), token(FOREIGN_KEY, 300), "not.a.jwt")) {
            client.get().uri("/api/v1/private/whoami").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(detail ->
                            org.assertj.core.api.Assertions.assertThat(detail.toString()).doesNotContain("expired"));
        }
    }

    private static String token(ECKey key, long secondsValid) {
        try {
            Instant now = Instant.now();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().subject("user-1").claim("roles", List.of("MANAGER", "CUSTOMER"))
                            .issueTime(Date.from(now.minusSeconds(120)))
                            .expirationTime(Date.from(now.plusSeconds(secondsValid))).build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(java.util.UUID.randomUUID().toString()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
