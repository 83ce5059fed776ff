package com.fruitfulplanet.platform.config;

import com.fruitfulplanet.contracts.platform.PlatformService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The configuration every service shares, added as the lowest-precedence property source, so a service's own
 * {@code application.yml}, environment variables and command-line arguments still win.
 *
 * <p>What a service needs to know about itself (ports, schema, which infrastructure its readiness depends on) is
 * read from {@link PlatformService} by {@code spring.application.name}; that enum is the one place those facts
 * live. The database is configured once through {@code fruitfulplanet.database.*} and turned into both the R2DBC
 * URL the application uses and the JDBC URL Flyway migrates with.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE_NAME = "fruitfulplanetPlatformDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        common(defaults);
        observability(environment, defaults);
        Optional<PlatformService> service =
                PlatformService.byApplicationName(environment.getProperty("spring.application.name", ""));
        service.ifPresent(s -> perService(s, defaults));
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
    }

    private static void common(Map<String, Object> defaults) {
        // Loopback unless told otherwise: the Helm chart sets 0.0.0.0 for the pod network explicitly.
        defaults.put("server.address", "127.0.0.1");
        defaults.put("server.shutdown", "graceful");
        defaults.put("spring.lifecycle.timeout-per-shutdown-phase", "20s");
        defaults.put("spring.main.banner-mode", "off");
        // Our handler renders every error; Boot's own problem-details handler would only cover annotated controllers.
        defaults.put("spring.webflux.problemdetails.enabled", "false");
        defaults.put("spring.http.codecs.max-in-memory-size", "1MB");
        defaults.put("fruitfulplanet.web.max-request-size", "1MB");

        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        // The management port is internal (never routed by the gateway), so components are shown there.
        defaults.put("management.endpoint.health.show-components", "always");
        defaults.put("management.metrics.tags.application", "${spring.application.name}");
        defaults.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
        defaults.put("management.metrics.distribution.percentiles-histogram.http.client.requests", "true");

        // OpenAPI documents (com.fruitfulplanet.platform.openapi): the actuator is internal and stays out of them;
        // responses are JSON, not springdoc's "*/*"; keys sorted so that a document diffs cleanly between builds.
        defaults.put("springdoc.show-actuator", "false");
        defaults.put("springdoc.default-produces-media-type", "application/json");
        defaults.put("springdoc.writer-with-order-by-keys", "true");

        // Services authenticate bearer tokens only; Boot's generated in-memory user would be a back door.
        defaults.put("spring.autoconfigure.exclude",
                "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration");
    }

    private static void observability(ConfigurableEnvironment environment, Map<String, Object> defaults) {
        defaults.put("logging.structured.format.console", "ecs");
        // Carries the trace context into Reactor operators, so log lines on any thread have trace and span ids.
        defaults.put("spring.reactor.context-propagation", "auto");
        // Exporters stay off until a collector is configured: otherwise every span and metric batch would be
        // retried against a collector that is not there.
        exportOnlyWhenConfigured(environment, defaults,
                "management.opentelemetry.tracing.export.otlp.endpoint", "management.tracing.export.otlp.enabled");
        exportOnlyWhenConfigured(environment, defaults,
                "management.otlp.metrics.export.url", "management.otlp.metrics.export.enabled");
        exportOnlyWhenConfigured(environment, defaults,
                "management.opentelemetry.logging.export.otlp.endpoint", "management.logging.export.otlp.enabled");
    }

    private static void exportOnlyWhenConfigured(ConfigurableEnvironment environment, Map<String, Object> defaults,
            String endpointProperty, String enabledProperty) {
        defaults.put(enabledProperty, String.valueOf(environment.containsProperty(endpointProperty)));
    }

    private static void perService(PlatformService service, Map<String, Object> defaults) {
        defaults.put("server.port", service.port());
        if (service != PlatformService.GATEWAY) {
            // Reactor Netty 1.3 can leave a kept-alive HTTP/1.1 connection unanswered when a request arrives while
            // the previous one, already answered, is still completing on another thread (an R2DBC connection being
            // returned to its pool): reactor/reactor-netty#4188 and #4361, fixed only in 1.3.8, which our mirror
            // cannot build. Behind the gateway a service therefore answers each connection once; a new loopback or
            // pod-network connection per proxied request costs far less than a request that never returns.
            // AuthFlowsIT#aKeptAliveConnectionAnswersEveryRequestOfAMixedSequence fails without this.
            defaults.put("server.netty.max-keep-alive-requests", "1");
        }
        defaults.put("management.server.port", service.managementPort());
        // Only with a management port of its own: Boot refuses a management address on the shared port.
        defaults.put("management.server.address", "127.0.0.1");
        defaults.put("management.endpoint.health.group.readiness.include", String.join(",", readinessChecks(service)));
        service.schema().ifPresent(schema -> database(schema, defaults));
    }

    /** Readiness reflects exactly the infrastructure the service cannot work without. */
    static List<String> readinessChecks(PlatformService service) {
        List<String> checks = new ArrayList<>(List.of("readinessState"));
        if (service.usesDatabase()) {
            checks.add("r2dbc");
        }
        if (service.usesKafka()) {
            checks.add("kafka");
        }
        if (service.usesRedis()) {
            checks.add("redis");
        }
        return checks;
    }

    private static void database(String schema, Map<String, Object> defaults) {
        // Placeholders, not values: test initializers and the environment may supply fruitfulplanet.database.*
        // after this runs.
        String hostPortName = "${fruitfulplanet.database.host:127.0.0.1}:${fruitfulplanet.database.port:5432}"
                + "/${fruitfulplanet.database.name:fruitfulplanet}";
        String username = "${fruitfulplanet.database.username:" + schema + "}";
        String password = "${fruitfulplanet.database.password:}";

        defaults.put("spring.r2dbc.url", "r2dbc:postgresql://" + hostPortName + "?schema=" + schema);
        defaults.put("spring.r2dbc.username", username);
        defaults.put("spring.r2dbc.password", password);
        defaults.put("spring.r2dbc.pool.max-size", "20");
        defaults.put("spring.r2dbc.pool.max-acquire-time", "5s");

        defaults.put("spring.flyway.url", "jdbc:postgresql://" + hostPortName);
        defaults.put("spring.flyway.user", username);
        defaults.put("spring.flyway.password", password);
        defaults.put("spring.flyway.schemas", schema);
        defaults.put("spring.flyway.default-schema", schema);
        // The schema and its owning role are provisioned outside the service (devstack, Helm); the service's role
        // may not create schemas.
        defaults.put("spring.flyway.create-schemas", "false");
    }
}
