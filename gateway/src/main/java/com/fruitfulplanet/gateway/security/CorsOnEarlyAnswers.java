package com.fruitfulplanet.gateway.security;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS headers for answers given before the security chain's CORS filter runs: a 429 from the rate limiter, a 413
 * from the request-size guard. Without them a browser hides the answer from the page, which then sees a network
 * error instead of a {@code Retry-After} it could honour. Only for allowed origins, and only where the CORS filter
 * has not answered already.
 */
public final class CorsOnEarlyAnswers implements WebFilter, Ordered {

    /** Outside the rate limiter and the request-size guard. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    private final CorsConfigurationSource configurations;
    private final ManagementPort managementPort;

    public CorsOnEarlyAnswers(CorsConfigurationSource configurations, ManagementPort managementPort) {
        this.configurations = configurations;
        this.managementPort = managementPort;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!CorsUtils.isCorsRequest(exchange.getRequest()) || managementPort.received(exchange)) {
            return chain.filter(exchange);
        }
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            CorsConfiguration configuration = configurations.getCorsConfiguration(exchange);
            String origin = exchange.getRequest().getHeaders().getOrigin();
            String allowed = configuration == null ? null : configuration.checkOrigin(origin);
            if (allowed != null && !headers.containsHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)) {
                headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
                if (configuration.getExposedHeaders() != null && !configuration.getExposedHeaders().isEmpty()) {
                    headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                            String.join(", ", configuration.getExposedHeaders()));
                }
                headers.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
