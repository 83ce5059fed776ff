package com.fruitfulplanet.gateway.ratelimit;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the services who the client is: {@code X-Forwarded-For} on every proxied request (HTTP and WebSocket) is
 * exactly one address, the one the gateway's rate limits use ({@link ClientAddress}). Whatever the client sent in
 * that header is dropped (Spring Cloud Gateway removes it already, trusting no proxy unless told to), so a service
 * can take the header as the truth: only the gateway can reach it. auth-service's per-address login throttle
 * depends on this.
 */
final class ForwardedClientAddress implements HttpHeadersFilter, Ordered {

    private final ClientAddress clientAddress;

    ForwardedClientAddress(ClientAddress clientAddress) {
        this.clientAddress = clientAddress;
    }

    @Override
    public int getOrder() {
        // After Spring Cloud Gateway's own X-Forwarded-* handling.
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders forwarded = new HttpHeaders();
        forwarded.addAll(input);
        forwarded.set(ClientAddress.FORWARDED_FOR, clientAddress.of(exchange.getRequest()));
        return forwarded;
    }
}
