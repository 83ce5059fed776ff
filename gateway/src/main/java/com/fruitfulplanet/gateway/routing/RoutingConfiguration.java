package com.fruitfulplanet.gateway.routing;

import com.fruitfulplanet.platform.web.RequestIds;
import java.net.URI;
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

    @Bean
    RouteLocator platformRoutes(RouteLocatorBuilder builder, List<Backend> backends) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (Backend backend : backends) {
            List<String> paths = PublicRoutes.httpPaths(backend.service());
            if (!paths.isEmpty()) {
                routes.route(backend.name(), r -> r.path(paths.toArray(String[]::new)).uri(backend.uri()));
            }
            List<String> sockets = PublicRoutes.webSocketPaths(backend.service());
            if (!sockets.isEmpty()) {
                routes.route(backend.name() + "-websocket",
                        r -> r.path(sockets.toArray(String[]::new)).uri(webSocketUri(backend.uri())));
            }
        }
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
