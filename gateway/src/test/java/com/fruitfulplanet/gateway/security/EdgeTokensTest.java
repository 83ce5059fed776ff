package com.fruitfulplanet.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class EdgeTokensTest {

    final AtomicInteger verifications = new AtomicInteger();
    final ReactiveJwtDecoder platformDecoder = token -> Mono.fromCallable(() -> {
        verifications.incrementAndGet();
        if (token.startsWith("bad")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "ES256").subject("user-" + token)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    });
    final EdgeTokens tokens =
            new EdgeTokens(new EdgeBearerTokenConverter(List.of("/ws/notifications")), platformDecoder);

    static MockServerWebExchange withToken(String token) {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/orders")
                .header("Authorization", "Bearer " + token));
    }

    @Test
    void aTokenIsVerifiedOncePerRequestWhoeverAsks() {
        MockServerWebExchange exchange = withToken("good");
        StepVerifier.create(tokens.verifiedSubject(exchange)).expectNext("user-good").verifyComplete();
        StepVerifier.create(tokens.decoder().decode("good")
                        .contextWrite(context -> context.put(ServerWebExchange.class, exchange)))
                .assertNext(jwt -> assertThat(jwt.getSubject()).isEqualTo("user-good")).verifyComplete();
        assertThat(verifications).hasValue(1);

        // Another request verifies again.
        StepVerifier.create(tokens.verifiedSubject(withToken("good"))).expectNext("user-good").verifyComplete();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aBadTokenIsNobodyForTheRateLimiterAndAnErrorForTheSecurityChain() {
        MockServerWebExchange exchange = withToken("bad");
        StepVerifier.create(tokens.verifiedSubject(exchange)).verifyComplete();
        StepVerifier.create(tokens.decoder().decode("bad")
                .contextWrite(context -> context.put(ServerWebExchange.class, exchange)))
                .verifyError(BadJwtException.class);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void noTokenIsNobody() {
        StepVerifier.create(tokens.verifiedSubject(MockServerWebExchange.from(MockServerHttpRequest.get("/"))))
                .verifyComplete();
        assertThat(verifications).hasValue(0);
    }
}
