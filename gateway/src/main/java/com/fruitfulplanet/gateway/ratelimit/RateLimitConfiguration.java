package com.fruitfulplanet.gateway.ratelimit;

import com.fruitfulplanet.gateway.security.EdgeTokens;
import com.fruitfulplanet.gateway.security.ManagementPort;
import com.fruitfulplanet.platform.problem.ProblemResponses;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/** The edge's rate limits: Redis-backed, with a per-replica fallback (see {@link RateLimiter}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    @Bean
    @ConditionalOnBooleanProperty(name = "fruitfulplanet.gateway.rate-limit.enabled", matchIfMissing = true)
    RateLimitWebFilter rateLimitWebFilter(RateLimitProperties properties, RateLimiter limiter, EdgeTokens tokens,
            ManagementPort managementPort, ProblemResponses problems) {
        return new RateLimitWebFilter(new RateLimitRules(properties),
                new ClientAddress(properties.trustedProxyHops()), limiter, tokens, managementPort, problems);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "fruitfulplanet.gateway.rate-limit.enabled", matchIfMissing = true)
    RateLimiter rateLimiter(RateLimitProperties properties, ReactiveStringRedisTemplate redis,
            CircuitBreakerRegistry circuitBreakers, MeterRegistry meters) {
        @SuppressWarnings("rawtypes")
        RedisScript<List> script = RedisScript.of(
                new ClassPathResource("com/fruitfulplanet/gateway/ratelimit/gcra.lua"), List.class);
        CircuitBreaker redisBreaker = circuitBreakers.circuitBreaker("gateway-rate-limit-redis",
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(5)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(properties.fallback().redisRetryInterval())
                        .permittedNumberOfCallsInHalfOpenState(3)
                        .build());
        LocalBuckets local = new LocalBuckets(properties.fallback().maxClients(),
                () -> ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
        return new RateLimiter(redis, script, properties.redisTimeout(), properties.fallback().redisRetryInterval(),
                redisBreaker, local, meters);
    }

    @Bean
    ForwardedClientAddress forwardedClientAddress(RateLimitProperties properties) {
        return new ForwardedClientAddress(new ClientAddress(properties.trustedProxyHops()));
    }

    /**
     * While the connection to Redis is down, commands fail at once instead of queueing (unboundedly, by default)
     * for a reconnect: a rate-limit decision is worthless later, and the fallback is ready now.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
