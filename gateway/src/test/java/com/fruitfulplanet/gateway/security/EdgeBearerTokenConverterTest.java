package com.fruitfulplanet.gateway.security;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import reactor.test.StepVerifier;

class EdgeBearerTokenConverterTest {

    final EdgeBearerTokenConverter converter = new EdgeBearerTokenConverter(List.of("/ws/notifications"));

    StepVerifier.FirstStep<String> tokenOf(MockServerHttpRequest.BaseBuilder<?> request) {
        return StepVerifier.create(converter.convert(MockServerWebExchange.from(request))
                .map(authentication -> ((BearerTokenAuthenticationToken) authentication).getToken()));
    }

    @Test
    void theAuthorizationHeaderCountsEverywhere() {
        tokenOf(MockServerHttpRequest.get("/api/v1/orders").header("Authorization", "Bearer abc.def.ghi"))
                .expectNext("abc.def.ghi").verifyComplete();
        tokenOf(MockServerHttpRequest.get("/ws/notifications").header("Authorization", "Bearer abc.def.ghi"))
                .expectNext("abc.def.ghi").verifyComplete();
    }

    @Test
    void theQueryParameterAndTheSubprotocolCountOnlyOnTheWebSocketEndpoint() {
        tokenOf(MockServerHttpRequest.get("/ws/notifications?access_token=abc.def.ghi"))
                .expectNext("abc.def.ghi").verifyComplete();
        tokenOf(MockServerHttpRequest.get("/ws/notifications").header("Sec-WebSocket-Protocol", "bearer, abc.def.ghi"))
                .expectNext("abc.def.ghi").verifyComplete();
        tokenOf(MockServerHttpRequest.get("/api/v1/orders?access_token=abc.def.ghi")).verifyComplete();
        tokenOf(MockServerHttpRequest.get("/api/v1/orders").header("Sec-WebSocket-Protocol", "bearer, abc.def.ghi"))
                .verifyComplete();
        tokenOf(MockServerHttpRequest.get("/ws/notifications").header("Sec-WebSocket-Protocol", "chat")).verifyComplete();
    }

    @Test
    void moreThanOneTokenOrAMalformedOneIsRefused() {
        tokenOf(MockServerHttpRequest.get("/ws/notifications?access_token=a.b.c")
                .header("Authorization", "Bearer a.b.c")).verifyError(InvalidBearerTokenException.class);
        tokenOf(MockServerHttpRequest.get("/ws/notifications?access_token=a.b.c&access_token=d.e.f"))
                .verifyError(InvalidBearerTokenException.class);
        tokenOf(MockServerHttpRequest.get("/ws/notifications?access_token={token}", "a b"))
                .verifyError(InvalidBearerTokenException.class);
    }
}
