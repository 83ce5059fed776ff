package com.fruitfulplanet.platform.config;

import com.fruitfulplanet.platform.http.ResilienceFilter;
import com.fruitfulplanet.platform.web.RequestIdPropagation;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.netty.http.client.HttpClient;

/**
 * Every {@code WebClient} built from Spring's {@code WebClient.Builder} gets connect and read timeouts, request-id
 * propagation, a circuit breaker per host and budgeted retries. Services call each other only through it.
 */
@AutoConfiguration
public class PlatformHttpClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CircuitBreakerRegistry circuitBreakerRegistry(ObjectProvider<MeterRegistry> meters) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .permittedNumberOfCallsInHalfOpenState(3)
                // A 5xx answer is as much a failure of the dependency as a refused connection.
                .recordResult(result -> result instanceof ClientResponse response
                        && response.statusCode().is5xxServerError())
                .build();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
        meters.ifAvailable(m -> TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(m));
        return registry;
    }

    @Bean
    WebClientCustomizer platformWebClientCustomizer(CircuitBreakerRegistry circuitBreakers,
            @Value("${fruitfulplanet.http.client.connect-timeout:2s}") Duration connectTimeout,
            @Value("${fruitfulplanet.http.client.read-timeout:5s}") Duration readTimeout,
            @Value("${fruitfulplanet.http.client.max-retries:2}") int maxRetries) {
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .responseTimeout(readTimeout)
                .doOnConnected(connection -> connection.addHandlerLast(
                        new ReadTimeoutHandler(readTimeout.toMillis(), TimeUnit.MILLISECONDS)));
        return builder -> builder
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .filter(new RequestIdPropagation())
                .filter(new ResilienceFilter(circuitBreakers, maxRetries, Duration.ofMillis(100)));
    }
}
