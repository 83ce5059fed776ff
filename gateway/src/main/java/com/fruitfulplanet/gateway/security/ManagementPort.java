package com.fruitfulplanet.gateway.security;

import java.net.InetSocketAddress;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells requests to the internal management port (actuator: probes, Prometheus) from public ones. WebFlux applies
 * the application's web filters to the management server too, and the edge's rules (token checks, rate limits, the
 * public security headers) are for the public port only: a kubelet probe must never be rate limited.
 */
@Component
public class ManagementPort implements ApplicationListener<WebServerInitializedEvent> {

    private static final String MANAGEMENT_NAMESPACE = "management";

    private volatile int port = -1;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // The management server's context is a child of this one; its events reach this listener as well.
        if (MANAGEMENT_NAMESPACE.equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    public boolean received(ServerWebExchange exchange) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        return local != null && port > 0 && local.getPort() == port;
    }
}
