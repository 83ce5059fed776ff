package com.fruitfulplanet.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PlatformDefaultsTest {

    private final PlatformDefaults defaults = new PlatformDefaults();

    @Test
    void aKnownServiceGetsItsPortsSchemaAndReadinessFromTheRegistry() {
        StandardEnvironment env = environment(Map.of("spring.application.name", "catalog-service",
                "fruitfulplanet.database.host", "db.internal", "fruitfulplanet.database.password", "s3cret"));
        defaults.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty("server.port")).isEqualTo("8082");
        assertThat(env.getProperty("management.server.port")).isEqualTo("9082");
        assertThat(env.getProperty("spring.r2dbc.url"))
                .isEqualTo("r2dbc:postgresql://db.internal:5432/fruitfulplanet?schema=catalog");
        assertThat(env.getProperty("spring.flyway.url")).isEqualTo("jdbc:postgresql://db.internal:5432/fruitfulplanet");
        assertThat(env.getProperty("spring.flyway.user")).isEqualTo("catalog");
        assertThat(env.getProperty("spring.r2dbc.password")).isEqualTo("s3cret");
        assertThat(env.getProperty("management.endpoint.health.group.readiness.include"))
                .isEqualTo("readinessState,r2dbc,kafka,redis");
    }

    @Test
    void readinessFollowsWhatTheServiceUses() {
        StandardEnvironment payment = environment(Map.of("spring.application.name", "payment-service"));
        defaults.postProcessEnvironment(payment, new SpringApplication());
        assertThat(payment.getProperty("management.endpoint.health.group.readiness.include"))
                .isEqualTo("readinessState,r2dbc,kafka");

        StandardEnvironment gateway = environment(Map.of("spring.application.name", "gateway"));
        defaults.postProcessEnvironment(gateway, new SpringApplication());
        assertThat(gateway.getProperty("management.endpoint.health.group.readiness.include"))
                .isEqualTo("readinessState,redis");
        assertThat(gateway.getProperty("spring.r2dbc.url")).isNull();
    }

    @Test
    void explicitSettingsWinOverDefaults() {
        StandardEnvironment env = environment(Map.of("spring.application.name", "auth-service",
                "server.port", "18081", "server.address", "0.0.0.0"));
        defaults.postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("server.port")).isEqualTo("18081");
        assertThat(env.getProperty("server.address")).isEqualTo("0.0.0.0");
    }

    @Test
    void bindsLoopbackAndKeepsExportersOffWithoutACollector() {
        StandardEnvironment env = environment(Map.of("spring.application.name", "order-service"));
        defaults.postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
        assertThat(env.getProperty("management.server.address")).isEqualTo("127.0.0.1");
        assertThat(env.getProperty("management.tracing.export.otlp.enabled")).isEqualTo("false");
        assertThat(env.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("false");

        StandardEnvironment withCollector = environment(Map.of("spring.application.name", "order-service",
                "management.opentelemetry.tracing.export.otlp.endpoint", "http://collector:4318/v1/traces"));
        defaults.postProcessEnvironment(withCollector, new SpringApplication());
        assertThat(withCollector.getProperty("management.tracing.export.otlp.enabled")).isEqualTo("true");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return env;
    }
}
