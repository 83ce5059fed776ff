package com.fruitfulplanet.platform.test;

/**
 * A service's credentials on the shared test database: its own login role (named like its schema), whose
 * {@code search_path} is that schema.
 *
 * @param host     Postgres host
 * @param port     Postgres port
 * @param database the shared database, {@value RealInfrastructure#DATABASE}
 * @param username the service's role
 * @param password the role's password, random per test JVM
 */
public record ServiceDatabase(String host, int port, String database, String username, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ServiceDatabase[" + username + "@" + host + ":" + port + "/" + database + "]";
    }
}
