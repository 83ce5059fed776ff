package com.fruitfulplanet.gateway.resilience;

import com.fruitfulplanet.platform.problem.ProblemResponses;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Per-route timeouts, circuit breakers and retries (see {@link RouteResilience}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResilienceProperties.class)
class ResilienceConfiguration {

    @Bean
    RouteResilience routeResilience(ResilienceProperties properties, CircuitBreakerRegistry circuitBreakers,
            RetryGatewayFilterFactory retries, ProblemResponses problems) {
        return new RouteResilience(properties, circuitBreakers, retries, problems);
    }
}
