package com.fruitfulplanet.gateway.openapi;

import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** Stands in for a service's API port: serves a fixed OpenAPI document at /v3/api-docs, or never answers. */
final class ApiDocsStub {

    final AtomicInteger documentRequests = new AtomicInteger();
    private final DisposableServer server;

    private ApiDocsStub(String document) {
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.get("/v3/api-docs", (request, response) -> {
                    documentRequests.incrementAndGet();
                    return document == null ? Mono.never()
                            : response.header("Content-Type", "application/json").sendString(Mono.just(document));
                }))
                .bindNow();
    }

    static ApiDocsStub serving(String document) {
        return new ApiDocsStub(document);
    }

    /** Accepts the connection and then says nothing: the gateway's deadline has to end the wait. */
    static ApiDocsStub silent() {
        return new ApiDocsStub(null);
    }

    String uri() {
        return "http://127.0.0.1:" + server.port();
    }

    void stop() {
        server.disposeNow();
    }
}
