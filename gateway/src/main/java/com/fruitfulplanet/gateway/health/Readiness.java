package com.fruitfulplanet.gateway.health;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * The platform's readiness as {@code GET /api/health/readiness} reports it (shared/docs/API.md):
 * {@code {"status":"ready","checks":{"database":"healthy","redis":"healthy","kafka":"healthy",...}}}.
 */
public record Readiness(String status, Map<String, String> checks) {

    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";
    /** A shared dependency whose state nobody could report, because the services that use it did not answer. */
    public static final String UNKNOWN = "unknown";

    public static Readiness of(Map<String, String> checks) {
        boolean ready = checks.values().stream().allMatch(HEALTHY::equals);
        return new Readiness(ready ? "ready" : "not ready", checks);
    }

    @JsonIgnore
    public boolean isReady() {
        return "ready".equals(status);
    }
}
