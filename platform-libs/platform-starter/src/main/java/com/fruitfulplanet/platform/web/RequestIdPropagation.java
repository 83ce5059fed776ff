package com.fruitfulplanet.platform.web;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/** Passes the current request's {@code X-Request-Id} on to the services it calls. */
public class RequestIdPropagation implements ExchangeFilterFunction {

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return Mono.deferContextual(context -> next.exchange(RequestIds.from(context)
                .filter(id -> !request.headers().containsHeader(RequestIds.HEADER))
                .map(id -> ClientRequest.from(request).header(RequestIds.HEADER, id).build())
                .orElse(request)));
    }
}
