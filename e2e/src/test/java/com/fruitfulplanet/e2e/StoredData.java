package com.fruitfulplanet.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * What the services of the local platform stored, read straight from devstack's PostgreSQL (127.0.0.1:15432) as each
 * service's own role, with the password devstack generated into its secrets file. Read only: the tests change the
 * platform through its API and use this to check that every service ended up consistent, which the API does not
 * show in full (the catalog's reserved quantity, the state of a reservation).
 */
final class StoredData {

    private static final String URL =
            "jdbc:postgresql://127.0.0.1:15432/fruitfulplanet?connectTimeout=5&socketTimeout=30";

    private StoredData() {
    }

    /** On hand and reserved of one product, summed over the warehouses. */
    record Stock(int onHand, int reserved) {

        int available() {
            return onHand - reserved;
        }
    }

    static Stock stock(UUID productId) throws SQLException, IOException {
        try (Connection connection = connect("catalog");
             PreparedStatement query = connection.prepareStatement("""
                     SELECT coalesce(sum(on_hand), 0), coalesce(sum(reserved), 0)
                       FROM catalog.stock_level WHERE product_id = ?""")) {
            query.setObject(1, productId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new Stock(row.getInt(1), row.getInt(2));
            }
        }
    }

    /** The catalog's reservation of an order: HELD, COMMITTED, RELEASED, REJECTED; empty if it never got one. */
    static Optional<String> reservation(UUID orderId) throws SQLException, IOException {
        try (Connection connection = connect("catalog");
             PreparedStatement query = connection.prepareStatement(
                     "SELECT state FROM catalog.stock_reservation WHERE order_id = ?")) {
            query.setObject(1, orderId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    /** Status and saga step of each order, as order-service stored them. */
    static Map<UUID, String> orderStates(List<UUID> orderIds) throws SQLException, IOException {
        Map<UUID, String> states = new LinkedHashMap<>();
        try (Connection connection = connect("ordering");
             PreparedStatement query = connection.prepareStatement(
                     "SELECT id, status, saga_step FROM ordering.customer_order WHERE id = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("uuid", orderIds.toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    states.put(row.getObject(1, UUID.class), row.getString(2) + "/" + row.getString(3));
                }
            }
        }
        return states;
    }

    /** The types and statuses of an order's payment transactions, oldest first, e.g. {@code CAPTURE SUCCEEDED}. */
    static List<String> paymentTransactions(UUID orderId) throws SQLException, IOException {
        List<String> transactions = new ArrayList<>();
        try (Connection connection = connect("payment");
             PreparedStatement query = connection.prepareStatement("""
                     SELECT t.type, t.status FROM payment.payment_transaction t
                       JOIN payment.payment p ON p.id = t.payment_id
                      WHERE p.order_id = ? ORDER BY t.seq""")) {
            query.setObject(1, orderId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    transactions.add(row.getString(1) + " " + row.getString(2));
                }
            }
        }
        return transactions;
    }

    private static Connection connect(String role) throws SQLException, IOException {
        Properties secrets = new Properties();
        try (Reader reader = Files.newBufferedReader(LocalDevStack.HOME.resolve("secrets.properties"),
                StandardCharsets.UTF_8)) {
            secrets.load(reader);
        }
        Connection connection = DriverManager.getConnection(URL, role,
                secrets.getProperty("database." + role + ".password"));
        connection.setReadOnly(true);
        return connection;
    }
}
