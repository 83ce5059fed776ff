package com.fruitfulplanet.platform.web;

import io.micrometer.common.KeyValue;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id}, puts it on the response (errors included) and in the Reactor context
 * for outgoing calls, and tags the request's span with it so a support ticket's id finds the trace.
 */
public class RequestIdWebFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = RequestIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        exchange.getAttributes().put(RequestIds.CONTEXT_KEY, requestId);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .ifPresent(observation -> observation.addHighCardinalityKeyValue(KeyValue.of("request.id", requestId)));
        return chain.filter(exchange).contextWrite(context -> context.put(RequestIds.CONTEXT_KEY, requestId));
    }
}
