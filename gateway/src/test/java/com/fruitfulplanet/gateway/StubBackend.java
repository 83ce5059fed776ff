package com.fruitfulplanet.gateway;

import com.fruitfulplanet.contracts.platform.PlatformService;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Stands in for one backend in the gateway's tests: a real HTTP server on loopback for its API, which records what
 * reached it (after reading the whole body) and answers as the test scripts it, and one for its management port,
 * which reports the readiness the test sets. WebSocket handshakes are accepted (offering the {@code bearer}
 * subprotocol back) and greeted with one message. The whole platform with real services is exercised by the
 * end-to-end test; here the point is the gateway's own behaviour.
 */
public final class StubBackend {

    /** One request as the backend saw it. */
    public record Received(String method, String pathAndQuery, String requestId, String authorization, long bodyBytes,
            String webSocketProtocol, String forwardedFor) {
    }

    /** A scripted answer: status, headers, and how long to wait before giving it. */
    public record Reply(int status, Duration delay, Map<String, String> headers) {

        public static Reply status(int status) {
            return new Reply(status, Duration.ZERO, Map.of());
        }

        public static Reply slow(Duration delay) {
            return new Reply(200, delay, Map.of());
        }
    }

    public static final String GREETING = "hello from the stub";

    public final PlatformService service;
    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final List<String> managementCalls = new CopyOnWriteArrayList<>();
    /** Answers for the next requests, in order; once used up, requests get 200 and {@code {"service": ...}}. */
    public final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
    public volatile Map<String, String> extraHeaders = Map.of();
    public volatile String readinessBody;
    public volatile int readinessStatus;
    private final DisposableServer api;
    private final DisposableServer management;

    public StubBackend(PlatformService service) {
        this.service = service;
        ready();
        this.api = HttpServer.create().host("127.0.0.1").port(0).handle(this::answer).bindNow();
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

    private org.reactivestreams.Publisher<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        String protocol = request.requestHeaders().get("Sec-WebSocket-Protocol");
        if ("websocket".equalsIgnoreCase(request.requestHeaders().get("Upgrade"))) {
            received.add(new Received("WEBSOCKET", request.uri(), request.requestHeaders().get("X-Request-Id"),
                    request.requestHeaders().get("Authorization"), 0, protocol,
                    request.requestHeaders().get("X-Forwarded-For")));
            // Accepting the "bearer" subprotocol is how a service takes a token sent as "bearer, <token>".
            WebsocketServerSpec spec = protocol == null ? WebsocketServerSpec.builder().build()
                    : WebsocketServerSpec.builder().protocols("bearer").build();
            // Greets, then stays open until the client leaves, as a notification stream does.
            return response.sendWebsocket((in, out) -> out.sendString(Mono.just(GREETING)).then()
                    .then(in.receive().then()), spec);
        }
        return request.receive().map(ByteBuf::readableBytes).reduce(0L, Long::sum)
                .flatMap(bytes -> {
                    received.add(new Received(request.method().name(), request.uri(),
                            request.requestHeaders().get("X-Request-Id"), request.requestHeaders().get("Authorization"),
                            bytes, protocol, request.requestHeaders().get("X-Forwarded-For")));
                    Reply reply = replies.poll();
                    Duration delay = reply == null ? Duration.ZERO : reply.delay();
                    return Mono.delay(delay).then(Mono.defer(() -> {
                        extraHeaders.forEach(response::header);
                        if (reply == null) {
                            return response.header("Content-Type", "application/json")
                                    .sendString(Mono.just("{\"service\":\"" + service.applicationName() + "\"}"))
                                    .then();
                        }
                        reply.headers().forEach(response::header);
                        return response.status(reply.status()).header("Content-Type", "application/json")
                                .sendString(Mono.just("{\"status\":" + reply.status() + "}")).then();
                    }));
                });
    }

    public void ready() {
        readinessStatus = 200;
        readinessBody = components("UP", "UP");
    }

    public void kafkaDown() {
        readinessStatus = 503;
        readinessBody = components("DOWN", "DOWN");
    }

    /** Back to answering every request with 200, as it started. */
    public void reset() {
        received.clear();
        replies.clear();
        extraHeaders = Map.of();
        ready();
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

    public String apiUri() {
        return "http://127.0.0.1:" + api.port();
    }

    public String managementUri() {
        return "http://127.0.0.1:" + management.port();
    }

    public void stop() {
        api.disposeNow();
        management.disposeNow();
    }
}
