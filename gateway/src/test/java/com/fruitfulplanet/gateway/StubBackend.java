package com.fruitfulplanet.gateway;

import com.fruitfulplanet.contracts.platform.PlatformService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Stands in for one backend in the gateway's tests: a real HTTP server on loopback for its API, which records what
 * reached it, and one for its management port, which reports the readiness the test sets. The whole platform with
 * real services is exercised by the end-to-end test; here the point is the gateway's own routing and aggregation.
 */
final class StubBackend {

    record Received(String pathAndQuery, String requestId) {
    }

    final PlatformService service;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<String> managementCalls = new CopyOnWriteArrayList<>();
    volatile String readinessBody;
    volatile int readinessStatus;
    private final DisposableServer api;
    private final DisposableServer management;

    StubBackend(PlatformService service) {
        this.service = service;
        ready();
        this.api = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> {
                    received.add(new Received(request.uri(), request.requestHeaders().get("X-Request-Id")));
                    return response.header("Content-Type", "application/json")
                            .sendString(Mono.just("{\"service\":\"" + service.applicationName() + "\"}"));
                })
                .bindNow();
        this.management = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> {
                    managementCalls.add(request.uri());
                    return request.uri().equals("/actuator/health/readiness")
                            ? response.status(readinessStatus).header("Content-Type", "application/json")
                            .sendString(Mono.just(readinessBody))
                            : response.status(404).send();
                })
                .bindNow();
    }

    void ready() {
        readinessStatus = 200;
        readinessBody = components("UP", "UP");
    }

    void kafkaDown() {
        readinessStatus = 503;
        readinessBody = components("DOWN", "DOWN");
    }

    private String components(String overall, String kafka) {
        StringBuilder parts = new StringBuilder("\"readinessState\":{\"status\":\"UP\"}");
        if (service.usesDatabase()) {
            parts.append(",\"r2dbc\":{\"status\":\"UP\"}");
        }
        if (service.usesKafka()) {
            parts.append(",\"kafka\":{\"status\":\"").append(kafka).append("\"}");
        }
        if (service.usesRedis()) {
            parts.append(",\"redis\":{\"status\":\"UP\"}");
        }
        return "{\"status\":\"" + overall + "\",\"components\":{" + parts + "}}";
    }

    String apiUri() {
        return "http://127.0.0.1:" + api.port();
    }

    String managementUri() {
        return "http://127.0.0.1:" + management.port();
    }

    void stop() {
        api.disposeNow();
        management.disposeNow();
    }
}
