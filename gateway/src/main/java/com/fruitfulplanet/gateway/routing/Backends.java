package com.fruitfulplanet.gateway.routing;

import com.fruitfulplanet.contracts.platform.PlatformService;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * Where each backend lives: {@code fruitfulplanet.gateway.backends.<service>.uri} and {@code .management-uri}, by
 * default the service's loopback ports from {@link PlatformService} (the local stack).
 */
public final class Backends {

    private Backends() {
    }

    public static List<Backend> from(Environment environment) {
        return Arrays.stream(PlatformService.backends()).map(service -> {
            String prefix = "fruitfulplanet.gateway.backends." + service.applicationName();
            URI uri = URI.create(environment.getProperty(prefix + ".uri",
                    "http://127.0.0.1:" + service.port()));
            URI managementUri = URI.create(environment.getProperty(prefix + ".management-uri",
                    "http://127.0.0.1:" + service.managementPort()));
            return new Backend(service, uri, managementUri);
        }).toList();
    }
}
