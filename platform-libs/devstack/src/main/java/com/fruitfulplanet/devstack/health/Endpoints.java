package com.fruitfulplanet.devstack.health;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.devstack.ports.LocalPorts;

import java.net.URI;

/** The local URLs of a service, built in one place. */
public final class Endpoints {

    public static String url(PlatformService service) {
        return "http://" + LocalPorts.LOOPBACK + ":" + service.port();
    }

    public static String managementUrl(PlatformService service) {
        return "http://" + LocalPorts.LOOPBACK + ":" + service.managementPort() + "/actuator";
    }

    public static URI readiness(PlatformService service) {
        return URI.create(managementUrl(service) + "/health/readiness");
    }

    /** The gateway's aggregated check: 200 only when every backend is ready. */
    public static URI platformReadiness() {
        return URI.create(url(PlatformService.GATEWAY) + "/api/health/readiness");
    }

    private Endpoints() {
    }
}
