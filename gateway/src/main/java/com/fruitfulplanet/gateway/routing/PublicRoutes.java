package com.fruitfulplanet.gateway.routing;

import com.fruitfulplanet.contracts.platform.PlatformService;
import java.util.List;
import java.util.Map;

/**
 * Which public paths belong to which service: the routing table of {@code shared/docs/API.md}. Anything not listed
 * here is not reachable from outside, actuator endpoints above all.
 */
public final class PublicRoutes {

    static final Map<PlatformService, List<String>> HTTP_PATHS = Map.of(
            PlatformService.AUTH, List.of("/api/v1/auth/**", "/api/v1/users/**", "/api/v1/partners/**",
                    "/api/v1/audit-log/**", "/.well-known/jwks.json"),
            PlatformService.CATALOG, List.of("/api/v1/sectors/**", "/api/v1/brands/**", "/api/v1/products/**",
                    "/api/v1/admin/cache/**", "/api/v1/admin/catalog/**"),
            PlatformService.ORDER, List.of("/api/v1/cart/**", "/api/v1/orders/**"),
            PlatformService.PAYMENT, List.of("/api/v1/payments/**"),
            PlatformService.NOTIFICATION, List.of("/api/v1/notifications/**"),
            PlatformService.SYNC_1C, List.of("/1c/exchange", "/api/v1/partner/1c/**"));

    /** WebSocket endpoints, proxied as WebSockets. */
    static final Map<PlatformService, List<String>> WEBSOCKET_PATHS =
            Map.of(PlatformService.NOTIFICATION, List.of("/ws/notifications"));

    private PublicRoutes() {
    }

    public static List<String> httpPaths(PlatformService service) {
        return HTTP_PATHS.getOrDefault(service, List.of());
    }

    public static List<String> webSocketPaths(PlatformService service) {
        return WEBSOCKET_PATHS.getOrDefault(service, List.of());
    }
}
