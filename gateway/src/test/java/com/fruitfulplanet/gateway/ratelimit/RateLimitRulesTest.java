package com.fruitfulplanet.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.gateway.ratelimit.RateLimitProperties.Fallback;
import com.fruitfulplanet.gateway.ratelimit.RateLimitProperties.Limit;
import com.fruitfulplanet.gateway.ratelimit.RateLimitProperties.Per;
import com.fruitfulplanet.gateway.ratelimit.RateLimitProperties.Rule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class RateLimitRulesTest {

    final RateLimitRules rules = new RateLimitRules(new RateLimitProperties(true, new Limit(100, Duration.ofMinutes(1)),
            List.of(new Rule("auth", List.of(HttpMethod.POST), List.of("/api/v1/auth/login", "/api/v1/auth/register"),
                    new Limit(20, Duration.ofMinutes(1)), Per.ADDRESS)),
            0, Duration.ofMillis(100), new Fallback(1000, Duration.ofSeconds(5))));

    @Test
    void theFirstMatchingRuleWinsAndEverythingElseGetsTheDefault() {
        assertThat(rules.of(MockServerHttpRequest.post("/api/v1/auth/login").build()))
                .extracting(RateLimitRules.Matched::name, RateLimitRules.Matched::per).containsExactly("auth",
                        Per.ADDRESS);
        assertThat(rules.of(MockServerHttpRequest.get("/api/v1/auth/login").build()).name()).isEqualTo("default");
        assertThat(rules.of(MockServerHttpRequest.post("/api/v1/auth/logout").build()).name()).isEqualTo("default");
        assertThat(rules.of(MockServerHttpRequest.get("/api/v1/products").build()))
                .extracting(RateLimitRules.Matched::name, RateLimitRules.Matched::per).containsExactly("default",
                        Per.CLIENT);
    }
}
