package com.fruitfulplanet.contracts.platform;

import java.util.Arrays;
import java.util.Optional;

/**
 * The services of the platform, with the facts every other part needs about them: the application name (also the
 * Kubernetes Service name), the HTTP and management ports, and the Postgres schema (and database role) each owns.
 *
 * <p>This is the one place these facts live. The platform starter derives a service's default ports and database
 * schema from it, the gateway its default backend addresses, and devstack the processes it launches.
 */
public enum PlatformService {

    GATEWAY("gateway", 8080, 9080, null, Infrastructure.REDIS_ONLY),
    AUTH("auth-service", 8081, 9081, "auth", Infrastructure.ALL),
    CATALOG("catalog-service", 8082, 9082, "catalog", Infrastructure.ALL),
    ORDER("order-service", 8083, 9083, "ordering", Infrastructure.ALL),
    PAYMENT("payment-service", 8084, 9084, "payment", Infrastructure.DATABASE_AND_KAFKA),
    NOTIFICATION("notification-service", 8085, 9085, "notification", Infrastructure.ALL),
    SYNC_1C("sync-1c-service", 8086, 9086, "sync1c", Infrastructure.ALL);

    /** Which shared infrastructure a service talks to; its readiness depends on exactly these. */
    public enum Infrastructure {
        ALL(true, true, true),
        DATABASE_AND_KAFKA(true, true, false),
        REDIS_ONLY(false, false, true);

        private final boolean database;
        private final boolean kafka;
        private final boolean redis;

        Infrastructure(boolean database, boolean kafka, boolean redis) {
            this.database = database;
            this.kafka = kafka;
            this.redis = redis;
        }
    }

    private final String applicationName;
    private final int port;
    private final int managementPort;
    private final String schema;
    private final Infrastructure infrastructure;

    PlatformService(String applicationName, int port, int managementPort, String schema, Infrastructure infrastructure) {
        this.applicationName = applicationName;
        this.port = port;
        this.managementPort = managementPort;
        this.schema = schema;
        this.infrastructure = infrastructure;
    }

    /** {@code spring.application.name}, the Maven module and the Kubernetes Service name. */
    public String applicationName() {
        return applicationName;
    }

    /** Default port of the public HTTP API. */
    public int port() {
        return port;
    }

    /** Default port of the actuator endpoints; never routed by the gateway. */
    public int managementPort() {
        return managementPort;
    }

    /** The Postgres schema this service owns; its database role has the same name. Empty for the gateway. */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    public boolean usesDatabase() {
        return infrastructure.database;
    }

    public boolean usesKafka() {
        return infrastructure.kafka;
    }

    public boolean usesRedis() {
        return infrastructure.redis;
    }

    /** The backends behind the gateway, in a stable order. */
    public static PlatformService[] backends() {
        return Arrays.stream(values()).filter(s -> s != GATEWAY).toArray(PlatformService[]::new);
    }

    public static Optional<PlatformService> byApplicationName(String applicationName) {
        return Arrays.stream(values()).filter(s -> s.applicationName.equals(applicationName)).findFirst();
    }
}
