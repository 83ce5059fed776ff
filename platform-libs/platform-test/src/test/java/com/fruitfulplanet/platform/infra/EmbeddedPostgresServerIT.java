package com.fruitfulplanet.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerIT {

    @Test
    void aPersistentDataDirectoryKeepsItsDataAcrossRestarts(@TempDir Path directory) throws SQLException {
        Path data = directory.resolve("postgres");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            execute(server.superuser(), "CREATE TABLE kept (note text)");
            execute(server.superuser(), "INSERT INTO kept VALUES ('still here')");
        }
        // Another port on purpose: the data, not the address, makes the server.
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            assertThat(query(server.superuser(), "SELECT note FROM kept")).isEqualTo("still here");
        }
    }

    @Test
    void listensOnLoopbackOnlyAndIsGoneAfterClose() throws SQLException {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(null, 0);
        int port = server.port();
        long pid = server.pid();
        Path data = server.dataDirectory();
        try {
            assertThat(query(server.superuser(), "SELECT current_setting('listen_addresses')")).isEqualTo("127.0.0.1");
            assertThat(ListeningSockets.on(port)).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
            assertThat(alive(pid)).isTrue();
        } finally {
            server.close();
        }
        assertThat(ListeningSockets.on(port)).isEmpty();
        assertThat(alive(pid)).as("postmaster %d still running", pid).isFalse();
        assertThat(data).as("throwaway data directory").doesNotExist();
    }

    @Test
    void startsOnTheRequestedPort() throws SQLException {
        int port = FreePorts.pick();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(null, port)) {
            assertThat(server.superuser().port()).isEqualTo(port);
            assertThat(server.superuser().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
            assertThat(query(server.superuser(), "SELECT current_setting('server_version_num')")).startsWith("18");
        }
    }

    static boolean alive(long pid) {
        return ServerProcesses.running(pid);
    }

    static void execute(PostgresEndpoint endpoint, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.user(),
                endpoint.password()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String query(PostgresEndpoint endpoint, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.user(),
                endpoint.password()); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
