package com.fruitfulplanet.gateway.security;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Holds proxied request bodies to {@code fruitfulplanet.web.max-request-size} as they stream through. The platform's
 * request-size guard refuses a too-large declared {@code Content-Length} up front and otherwise relies on the codecs'
 * in-memory limit, but the gateway never decodes what it proxies: a chunked body without a length would reach the
 * backend whole. Here the body is counted on its way through and cut off at the limit, which ends the request in the
 * same 413 problem ({@link DataBufferLimitException} is what the platform's exception handler maps to 413).
 */
public final class ProxiedRequestSizeLimit implements GlobalFilter, Ordered {

    private final long maxBytes;

    public ProxiedRequestSizeLimit(DataSize maxRequestSize) {
        this.maxBytes = maxRequestSize.toBytes();
    }

    @Override
    public int getOrder() {
        // Before anything could buffer the body (Spring Cloud Gateway's body caching runs at +1000).
        return Ordered.HIGHEST_PRECEDENCE + 500;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequestDecorator limited = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong received = new AtomicLong();
                return super.getBody().map(buffer -> {
                    if (received.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        throw new DataBufferLimitException(
                                "The request body is larger than " + maxBytes + " bytes");
                    }
                    return buffer;
                });
            }
        };
        return chain.filter(exchange.mutate().request(limited).build());
    }
}
