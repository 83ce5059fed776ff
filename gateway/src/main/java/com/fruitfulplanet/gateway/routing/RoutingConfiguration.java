package com.fruitfulplanet.gateway.routing;

import com.fruitfulplanet.gateway.resilience.RouteResilience;
import com.fruitfulplanet.platform.web.RequestIds;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.server.ServerWebExchange;

/** Static routes to the backends (locally); the Kubernetes discovery variant replaces the URIs, not the table. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    List<Backend> backends(Environment environment) {
        return Backends.from(environment);
    }

    /**
     * One HTTP route per service, named after it, with the service's timeout, circuit breaker and retries; one
     * WebSocket route where a service has WebSocket endpoints.
     */
    @Bean
    RouteLocator platformRoutes(RouteLocatorBuilder builder, List<Backend> backends, RouteResilience resilience) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        List<String> httpRoutes = new ArrayList<>();
        for (Backend backend : backends) {
            List<String> paths = PublicRoutes.httpPaths(backend.service());
            if (!paths.isEmpty()) {
                String id = backend.name();
                httpRoutes.add(id);
                routes.route(id, r -> resilience.timeout(id, r.path(paths.toArray(String[]::new))
                                .filters(filters -> resilience.filters(id, filters)))
                        .uri(backend.uri()));
            }
            List<String> sockets = PublicRoutes.webSocketPaths(backend.service());
            if (!sockets.isEmpty()) {
                routes.route(backend.name() + "-websocket",
                        r -> r.path(sockets.toArray(String[]::new)).uri(webSocketUri(backend.uri())));
            }
        }
        resilience.checkOverrides(httpRoutes);
        return routes.build();
    }

    /** The request id the gateway assigned travels on to the backend, so both log the same id. */
    @Bean
    GlobalFilter requestIdForwarding() {
        return (exchange, chain) -> {
            String requestId = exchange.getAttribute(RequestIds.CONTEXT_KEY);
            if (requestId == null) {
                return chain.filter(exchange);
            }
            ServerWebExchange forwarded = exchange.mutate()
                    .request(request -> request.headers(headers -> headers.set(RequestIds.HEADER, requestId)))
                    .build();
            return chain.filter(forwarded);
        };
    }

    private static URI webSocketUri(URI http) {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }
}
