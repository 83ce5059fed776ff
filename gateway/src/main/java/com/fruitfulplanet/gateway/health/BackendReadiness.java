package com.fruitfulplanet.gateway.health;

import com.fruitfulplanet.gateway.routing.Backend;
import java.util.Map;
import java.util.Optional;

/**
 * What one backend's {@code /actuator/health/readiness} said: its overall status and that of each component
 * ({@code r2dbc}, {@code kafka}, {@code redis}, ...), or nothing when it did not answer in time.
 */
record BackendReadiness(Backend backend, boolean reachable, boolean up, Map<String, Boolean> components) {

    static BackendReadiness unreachable(Backend backend) {
        return new BackendReadiness(backend, false, false, Map.of());
    }

    /** Empty when the backend does not use that component (or did not answer). */
    Optional<Boolean> component(String name) {
        return Optional.ofNullable(components.get(name));
    }
}
