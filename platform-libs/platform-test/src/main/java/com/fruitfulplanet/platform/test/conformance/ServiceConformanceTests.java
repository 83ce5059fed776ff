package com.fruitfulplanet.platform.test.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.platform.infra.ListeningSockets;
import com.fruitfulplanet.platform.test.PlatformIntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every backend service must do from its first day, checked against real PostgreSQL, Kafka and Redis: start
 * with its migrations applied in its own schema, report readiness for exactly the infrastructure it uses, expose
 * Prometheus metrics tagged with its name, answer errors as problem+json and listen on loopback only.
 *
 * <p>A service's integration test extends this and names the tables its migrations create:
 * <pre>{@code class CatalogServiceIT extends ServiceConformanceTests { ... ownTables() ... }}</pre>
 */
@PlatformIntegrationTest
public abstract class ServiceConformanceTests {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected Environment environment;

    /** The tables this service's migrations create in its schema. */
    protected abstract List<String> ownTables();

    protected PlatformService service() {
        return PlatformService.byApplicationName(environment.getRequiredProperty("spring.application.name"))
                .orElseThrow();
    }

    protected WebTestClient api() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    protected WebTestClient management() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
    }

    @Test
    void readinessIsUpAndCoversExactlyTheInfrastructureTheServiceUses() {
        Map<String, Object> readiness = management().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(readiness).containsEntry("status", "UP");

        List<String> expected = new ArrayList<>(List.of("readinessState"));
        if (service().usesDatabase()) {
            expected.add("r2dbc");
        }
        if (service().usesKafka()) {
            expected.add("kafka");
        }
        if (service().usesRedis()) {
            expected.add("redis");
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) readiness.get("components");
        assertThat(components).containsOnlyKeys(expected.toArray(String[]::new));
        assertThat(components.values()).allSatisfy(c -> assertThat(c).containsEntry("status", "UP"));
    }

    @Test
    void livenessIsUp() {
        management().get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void migrationsCreatedTheServiceTablesInItsOwnSchemaAndNowhereElse() throws SQLException {
        String schema = service().schema().orElseThrow();
        try (Connection connection = connectAsService()) {
            assertThat(tablesIn(connection, schema)).contains("flyway_schema_history")
                    .containsAll(ownTables());
            assertThat(tablesIn(connection, "public")).isEmpty();
        }
    }

    @Test
    void theServiceRoleCannotTouchAnotherServicesSchema() throws SQLException {
        try (Connection connection = connectAsService()) {
            for (PlatformService other : PlatformService.backends()) {
                if (other == service()) {
                    continue;
                }
                String otherSchema = other.schema().orElseThrow();
                try (var statement = connection.createStatement()) {
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> statement.execute(
                                    "CREATE TABLE \"" + otherSchema + "\".intruder (id int)"))
                            .isInstanceOf(SQLException.class);
                }
            }
        }
    }

    @Test
    void prometheusMetricsCarryTheApplicationTagAndLatencyHistograms() {
        api().get().uri("/api/v1/any").exchange();
        String metrics = management().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics)
                .contains("application=\"" + service().applicationName() + "\"")
                .contains("http_server_requests_seconds_bucket");
    }

    @Test
    void anUnauthenticatedApiCallIsAProblemWithATraceId() {
        api().get().uri("/api/v1/does-not-exist").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.traceId").value(id -> assertThat(id.toString()).matches("[0-9a-f]{32}"));
    }

    @Test
    void theManagementPortIsNotTheApiPort() {
        assertThat(managementPort).isNotEqualTo(port);
        api().get().uri("/actuator/health").exchange().expectStatus().isNotFound();
    }

    @Test
    void listensOnLoopbackOnly() {
        for (int listening : new int[] {port, managementPort}) {
            assertThat(ListeningSockets.on(listening)).isNotEmpty()
                    .allSatisfy(address -> assertThat(address.getHostAddress()).isEqualTo("127.0.0.1"));
        }
    }

    private Connection connectAsService() throws SQLException {
        String url = "jdbc:postgresql://%s:%s/%s".formatted(
                environment.getRequiredProperty("fruitfulplanet.database.host"),
                environment.getRequiredProperty("fruitfulplanet.database.port"),
                environment.getRequiredProperty("fruitfulplanet.database.name"));
        return DriverManager.getConnection(url, environment.getRequiredProperty("fruitfulplanet.database.username"),
                environment.getRequiredProperty("fruitfulplanet.database.password"));
    }

    private static List<String> tablesIn(Connection connection, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (var statement = connection.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }
}
