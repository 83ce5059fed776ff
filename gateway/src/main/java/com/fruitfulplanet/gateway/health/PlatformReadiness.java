package com.fruitfulplanet.gateway.health;

import com.fruitfulplanet.gateway.routing.Backend;
import com.fruitfulplanet.platform.http.ResilienceFilter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Asks every backend for its readiness, in parallel and with a deadline, and folds the answers into the platform's
 * checks: one per shared dependency (database, Redis, Kafka) and one per service. A dependency is healthy when every
 * service that uses it says so. This is the API's answer for people and load balancers in front of the platform;
 * the gateway's own Kubernetes readiness probe checks only the gateway, so that one slow backend does not take the
 * whole entry point out of rotation.
 */
@Component
public class PlatformReadiness {

    private static final Logger log = LoggerFactory.getLogger(PlatformReadiness.class);
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    /** Platform check name → the actuator health component that reports it. */
    private static final Map<String, String> SHARED_DEPENDENCIES =
            Map.of("database", "r2dbc", "redis", "redis", "kafka", "kafka");

    private final WebClient client;
    private final List<Backend> backends;
    private final ReactiveRedisConnectionFactory redis;

    public PlatformReadiness(WebClient.Builder clients, List<Backend> backends, ReactiveRedisConnectionFactory redis) {
        this.client = clients.build();
        this.backends = backends;
        this.redis = redis;
    }

    public Mono<Readiness> check() {
        // Lettuce opens its first connection synchronously: never on an event-loop thread.
        Mono<Boolean> gatewayRedis = Mono.usingWhen(
                        Mono.fromSupplier(redis::getReactiveConnection).subscribeOn(Schedulers.boundedElastic()),
                        connection -> connection.ping().map("PONG"::equalsIgnoreCase),
                        ReactiveRedisConnection::closeLater)
                .timeout(DEADLINE)
                .onErrorResume(e -> {
                    log.warn("Gateway Redis is not answering: {}", e.toString());
                    return Mono.just(false);
                });
        Mono<List<BackendReadiness>> answers = Flux.fromIterable(backends)
                .flatMap(this::readinessOf)
                .collectList();
        return Mono.zip(gatewayRedis, answers).map(both -> fold(both.getT1(), both.getT2()));
    }

    private Readiness fold(boolean gatewayRedisUp, List<BackendReadiness> answers) {
        Map<String, String> checks = new LinkedHashMap<>();
        for (String check : List.of("database", "redis", "kafka")) {
            String component = SHARED_DEPENDENCIES.get(check);
            boolean anyUnreachable = answers.stream().anyMatch(a -> !a.reachable());
            boolean allReportedUp = answers.stream()
                    .map(a -> a.component(component))
                    .flatMap(Optional::stream)
                    .allMatch(Boolean::booleanValue);
            if (check.equals("redis")) {
                allReportedUp &= gatewayRedisUp;
            }
            checks.put(check, !allReportedUp ? Readiness.UNHEALTHY
                    : anyUnreachable ? Readiness.UNKNOWN : Readiness.HEALTHY);
        }
        backends.forEach(backend -> checks.put(backend.name(), answers.stream()
                .filter(a -> a.backend().equals(backend) && a.up())
                .findAny().map(a -> Readiness.HEALTHY).orElse(Readiness.UNHEALTHY)));
        return Readiness.of(checks);
    }

    @SuppressWarnings("unchecked")
    private Mono<BackendReadiness> readinessOf(Backend backend) {
        return client.get()
                .uri(backend.managementUri().resolve("/actuator/health/readiness"))
                // Probes must see each answer as it is: no retries, no circuit breaker in between.
                .attribute(ResilienceFilter.BYPASS, true)
                // A DOWN readiness is a 503 with the same body: read it either way.
                .exchangeToMono(response -> response.bodyToMono(Map.class))
                .map(body -> {
                    Map<String, Boolean> components = new LinkedHashMap<>();
                    Object parts = body.get("components");
                    if (parts instanceof Map<?, ?> map) {
                        map.forEach((name, detail) -> components.put(name.toString(),
                                detail instanceof Map<?, ?> d && "UP".equals(d.get("status"))));
                    }
                    return new BackendReadiness(backend, true, "UP".equals(body.get("status")), components);
                })
                .timeout(DEADLINE)
                .defaultIfEmpty(BackendReadiness.unreachable(backend))
                .onErrorResume(e -> {
                    log.warn("{} did not report readiness: {}", backend.name(), e.toString());
                    return Mono.just(BackendReadiness.unreachable(backend));
                });
    }
}
