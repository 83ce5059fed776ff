package com.fruitfulplanet.gateway.routing;

import com.fruitfulplanet.contracts.platform.PlatformService;
import java.net.URI;

/**
 * A service behind the gateway and where to reach it: its API and its (internal) management endpoints.
 *
 * @param service       which service
 * @param uri           base URI of its API, e.g. {@code http://127.0.0.1:8082} locally, {@code http://catalog-service:8082}
 *                      in Kubernetes
 * @param managementUri base URI of its actuator, used only for the aggregated readiness and never routed
 */
public record Backend(PlatformService service, URI uri, URI managementUri) {

    public String name() {
        return service.applicationName();
    }
}
