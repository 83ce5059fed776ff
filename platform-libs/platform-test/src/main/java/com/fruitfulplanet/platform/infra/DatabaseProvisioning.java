package com.fruitfulplanet.platform.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;

import com.fruitfulplanet.contracts.platform.PlatformService;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a service its own corner of the shared database, as production does: one schema and one login role per
 * service, both named after {@link PlatformService#schema()}. The role owns its schema and can do anything there,
 * and nothing in another service's schema or in {@code public}.
 *
 * <p>Idempotent, so devstack runs it at every start: the database, role and schema are created when missing, and the
 * role's password and privileges are (re)set every time.
 */
public final class DatabaseProvisioning {

    private static final Logger log = LoggerFactory.getLogger(DatabaseProvisioning.class);

    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String DUPLICATE_OBJECT = "42710";
    /** Arbitrary key of the advisory lock that serialises provisioning runs on one server. */
    private static final long PROVISIONING_LOCK = 0x46505052_4f56L;

    private DatabaseProvisioning() {
    }

    /**
     * Provisions {@code service} in {@code database}.
     *
     * @param superuser a role allowed to create databases and roles, e.g. {@link EmbeddedPostgresServer#superuser()}
     * @param database  the shared database, created if missing
     * @param service   a service that has a schema
     * @param password  the service role's password, set on every call
     * @throws IllegalArgumentException for a service without a schema (the gateway)
     * @throws IllegalStateException    when the database refuses a statement
     */
    public static void provision(PostgresEndpoint superuser, String database, PlatformService service,
                                 String password) {
        Objects.requireNonNull(superuser, "superuser");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(password, "password");
        String role = service.schema().orElseThrow(() -> new IllegalArgumentException(
                service.applicationName() + " has no database schema, so there is nothing to provision"));
        if (password.isEmpty()) {
            throw new IllegalArgumentException("A service role needs a non-empty password: " + role);
        }
        try (Connection connection = connect(superuser)) {
            // Concurrent GRANTs on one database fail with "tuple concurrently updated"; devstack provisions
            // services in parallel, so runs take turns (the lock goes with the session).
            execute(connection, "SELECT pg_advisory_lock(" + PROVISIONING_LOCK + ")");
            createDatabaseIfMissing(connection, database);
            createOrUpdateRole(connection, role, password);
            execute(connection, "REVOKE CONNECT, TEMPORARY ON DATABASE " + identifier(connection, database)
                    + " FROM PUBLIC");
            execute(connection, "GRANT CONNECT ON DATABASE " + identifier(connection, database)
                    + " TO " + identifier(connection, role));
            // Unqualified names (the app's SQL, Flyway's history table) resolve to the service's own schema.
            execute(connection, "ALTER ROLE " + identifier(connection, role)
                    + " SET search_path = " + identifier(connection, role));
            try (Connection inDatabase = connect(superuser.withDatabase(database))) {
                execute(inDatabase, "REVOKE ALL ON SCHEMA public FROM PUBLIC");
                execute(inDatabase, "CREATE SCHEMA IF NOT EXISTS " + identifier(inDatabase, role)
                        + " AUTHORIZATION " + identifier(inDatabase, role));
                // Also corrects a schema created earlier by someone else.
                execute(inDatabase, "ALTER SCHEMA " + identifier(inDatabase, role)
                        + " OWNER TO " + identifier(inDatabase, role));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not provision " + service.applicationName() + " (role and schema "
                    + role + ") in database " + database + " at " + superuser + ": " + e.getMessage(), e);
        }
        log.info("Provisioned role and schema {} in database {} at {}:{}", role, database, superuser.host(),
                superuser.port());
    }

    private static void createDatabaseIfMissing(Connection connection, String database) throws SQLException {
        if (exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
            return;
        }
        try {
            execute(connection, "CREATE DATABASE " + identifier(connection, database));
        } catch (SQLException e) {
            // Another provisioning run (a service starting in parallel) created it in between.
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static void createOrUpdateRole(Connection connection, String role, String password) throws SQLException {
        // CREATE/ALTER ROLE take no bind parameters: the password goes in as a literal escaped by the driver,
        // which honours the server's standard_conforming_strings.
        String attributes = " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '"
                + connection.unwrap(PGConnection.class).escapeLiteral(password) + "'";
        String quotedRole = identifier(connection, role);
        if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
            try {
                execute(connection, "CREATE ROLE " + quotedRole + attributes);
                return;
            } catch (SQLException e) {
                if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        execute(connection, "ALTER ROLE " + quotedRole + attributes);
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String identifier(Connection connection, String name) throws SQLException {
        return connection.unwrap(PGConnection.class).escapeIdentifier(name);
    }

    private static Connection connect(PostgresEndpoint endpoint) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", endpoint.user());
        properties.setProperty("password", endpoint.password());
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        return DriverManager.getConnection(endpoint.jdbcUrl(), properties);
    }
}
