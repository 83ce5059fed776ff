package com.fruitfulplanet.platform.infra;

import java.util.Objects;

/**
 * Where and as whom to reach a PostgreSQL database. Used for the superuser endpoint of a server, which provisioning
 * connects with.
 *
 * @param host     host name or address; {@code 127.0.0.1} for the embedded server
 * @param port     TCP port
 * @param database database to connect to
 * @param user     role to log in as
 * @param password password of that role (the embedded server trusts its superuser on loopback and ignores it)
 */
public record PostgresEndpoint(String host, int port, String database, String user, String password) {

    public PostgresEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Not a TCP port: " + port);
        }
    }

    /** {@code jdbc:postgresql://host:port/database}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The same server and role, another database. */
    public PostgresEndpoint withDatabase(String otherDatabase) {
        return new PostgresEndpoint(host, port, otherDatabase, user, password);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "PostgresEndpoint[" + user + "@" + host + ":" + port + "/" + database + "]";
    }
}
