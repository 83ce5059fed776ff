package com.fruitfulplanet.devstack.services;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.devstack.infra.InfraAddresses;
import com.fruitfulplanet.devstack.infra.LocalInfrastructure;
import com.fruitfulplanet.devstack.secrets.LocalSecrets;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a service JVM gets locally: where the infrastructure it uses is, its database credentials, for
 * auth-service the bootstrap admin and for catalog-service the demo catalog. Environment variables, not {@code -D}
 * flags, because a command line is visible to every user through {@code ps}. These come on top of devstack's own
 * environment, which every service inherits ({@link ServiceLauncher#launch}); where both set a variable, the value
 * here wins.
 */
public final class ServiceEnvironment {

    /** The admin auth-service creates on its first start (when no admin exists); the password is in the secrets. */
    public static final String ADMIN_EMAIL = "admin@fruitfulplanet.local";

    public static Map<String, String> of(PlatformService service, InfraAddresses infrastructure, LocalSecrets secrets) {
        Map<String, String> environment = new LinkedHashMap<>();
        // Every trace locally: there is little traffic, and a missing trace is what one wants to debug.
        environment.put("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0");
        // No OTLP settings: without an endpoint the platform starter already keeps the exports off.
        if (service.usesDatabase()) {
            String role = service.schema().orElseThrow();
            environment.put("FRUITFULPLANET_DATABASE_HOST", infrastructure.databaseHost());
            environment.put("FRUITFULPLANET_DATABASE_PORT", Integer.toString(infrastructure.databasePort()));
            environment.put("FRUITFULPLANET_DATABASE_NAME", LocalInfrastructure.DATABASE);
            environment.put("FRUITFULPLANET_DATABASE_USERNAME", role);
            environment.put("FRUITFULPLANET_DATABASE_PASSWORD", secrets.databasePassword(role));
        }
        if (service.usesKafka()) {
            environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        }
        if (service.usesRedis()) {
            environment.put("SPRING_DATA_REDIS_HOST", infrastructure.redisHost());
            environment.put("SPRING_DATA_REDIS_PORT", Integer.toString(infrastructure.redisPort()));
        }
        if (service == PlatformService.AUTH) {
            environment.put("FRUITFULPLANET_AUTH_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
            environment.put("FRUITFULPLANET_AUTH_BOOTSTRAP_ADMIN_PASSWORD", secrets.adminPassword());
        }
        if (service == PlatformService.CATALOG) {
            // A shop to look at: the demo catalog (1 000 products) is loaded when the catalog has no products yet.
            environment.put("FRUITFULPLANET_CATALOG_DEMODATA_ENABLED", "true");
        }
        return environment;
    }

    private ServiceEnvironment() {
    }
}
