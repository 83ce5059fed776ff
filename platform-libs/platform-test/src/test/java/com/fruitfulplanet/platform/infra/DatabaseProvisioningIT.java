package com.fruitfulplanet.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import com.fruitfulplanet.contracts.platform.PlatformService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Provisioning against a server of its own: roles are cluster-wide, so sharing one would couple tests. */
class DatabaseProvisioningIT {

    private static final String DATABASE = "fruitfulplanet";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String INVALID_PASSWORD = "28P01";

    private static EmbeddedPostgresServer server;

    @BeforeAll
    static void startServer() {
        server = EmbeddedPostgresServer.start(null, 0);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aServiceRoleOwnsItsSchemaAndCannotTouchAnotherServicesOrPublic() throws SQLException {
        DatabaseProvisioning.provision(server.superuser(), DATABASE, PlatformService.CATALOG, "catalog-secret");
        DatabaseProvisioning.provision(server.superuser(), DATABASE, PlatformService.AUTH, "auth-secret");
        try (Connection auth = connect("auth", "auth-secret")) {
            execute(auth, "CREATE TABLE IF NOT EXISTS credential (login text)");
            execute(auth, "INSERT INTO credential VALUES ('alice')");
        }

        try (Connection catalog = connect("catalog", "catalog-secret")) {
            assertThat(query(catalog, "SELECT current_user || ' ' || current_schema()")).isEqualTo("catalog catalog");
            // Unqualified: lands in the service's schema through the role's search_path.
            execute(catalog, "CREATE TABLE IF NOT EXISTS product (name text)");
            execute(catalog, "INSERT INTO product VALUES ('apple')");
            assertThat(query(catalog, "SELECT name FROM catalog.product LIMIT 1")).isEqualTo("apple");
            execute(catalog, "CREATE INDEX IF NOT EXISTS product_name ON product (name)");
            execute(catalog, "DROP TABLE IF EXISTS scratch; CREATE TABLE scratch (x int); DROP TABLE scratch");

            assertDenied(catalog, "SELECT * FROM auth.credential", "permission denied for schema auth");
            assertDenied(catalog, "CREATE TABLE auth.intruder (x int)", "permission denied for schema auth");
            assertDenied(catalog, "CREATE TABLE public.intruder (x int)", "permission denied for schema public");
            assertDenied(catalog, "CREATE SCHEMA intruder", "permission denied for database");
        }
    }

    @Test
    void provisioningAgainIsHarmlessAndSetsTheNewPassword() throws SQLException {
        DatabaseProvisioning.provision(server.superuser(), DATABASE, PlatformService.ORDER, "first");
        try (Connection ordering = connect("ordering", "first")) {
            execute(ordering, "CREATE TABLE purchase (id int)");
            execute(ordering, "INSERT INTO purchase VALUES (42)");
        }

        DatabaseProvisioning.provision(server.superuser(), DATABASE, PlatformService.ORDER, "second");
        DatabaseProvisioning.provision(server.superuser(), DATABASE, PlatformService.ORDER, "second");

        try (Connection ordering = connect("ordering", "second")) {
            assertThat(query(ordering, "SELECT id FROM purchase")).isEqualTo("42");
        }
        assertThatThrownBy(() -> connect("ordering", "first"))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo(INVALID_PASSWORD));
    }

    @Test
    void aPasswordWithQuotesAndBackslashesIsTakenLiterally() throws SQLException {
        String password = "it's \\' a \"trap\"'; DROP ROLE payment; --";
        DatabaseProvisioning.provision(server.superuser(), DATABASE, PlatformService.PAYMENT, password);

        try (Connection payment = connect("payment", password)) {
            assertThat(query(payment, "SELECT current_user")).isEqualTo("payment");
        }
    }

    @Test
    void rolesWithoutAGrantCannotConnectToTheDatabase() throws SQLException {
        DatabaseProvisioning.provision(server.superuser(), DATABASE, PlatformService.NOTIFICATION, "n");
        EmbeddedPostgresServerIT.execute(server.superuser(), "CREATE ROLE stranger LOGIN PASSWORD 'stranger'");

        assertThatThrownBy(() -> connect("stranger", "stranger"))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getMessage()).contains("permission denied for database"));
    }

    private static void assertDenied(Connection connection, String sql, String message) {
        assertThatThrownBy(() -> execute(connection, sql))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private static Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(server.superuser().withDatabase(DATABASE).jdbcUrl(), user, password);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
