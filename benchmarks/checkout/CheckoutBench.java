import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The checkout benchmark's client (benchmarks/checkout/run.sh), three commands:
 *
 * <ul>
 *   <li>{@code setup <gateway> <auth-service> <admin email> <admin password> <users> <products> <stock> <dir>}:
 *       as the admin, a sector, a brand and the products with that much stock each (through the gateway); the users
 *       registered straight at auth-service (the gateway's per-address limit on registrations is not what is
 *       measured); waits until order-service's read model has every product (adding it to a cart stops answering
 *       422); writes {@code <dir>/products.txt} and {@code <dir>/users.txt}.</li>
 *   <li>{@code tokens <auth-service> <dir>}: logs every user in again, {@code <dir>/tokens.txt} (tokens live 15 min).</li>
 *   <li>{@code load <gateway> <rate/s> <seconds> <dir> <label> <out.csv>}: POST /api/v1/orders at a fixed rate (open
 *       model: request i is due at start + i / rate, whether or not earlier answers came), each with a unique
 *       Idempotency-Key, a random user's token, one random product, quantity 1, card tok_visa. A request's latency
 *       counts from when it was due. Bounded: rate × seconds requests, then at most 30 s for the last answers.
 *       Prints one key=value line; each request is a line of the CSV.</li>
 *   <li>{@code report <postgres port> <password> <in.csv> <wait seconds>}: waits (bounded) until every order of the
 *       run is CONFIRMED or CANCELLED, then reads the saga's own timestamps from the three services' schemas:
 *       order-service's history (PENDING and CONFIRMED {@code at}) and, for each of the saga's four messages
 *       (ReserveStock, StockReserved, AuthorizePayment, PaymentAuthorized), the sender's outbox row (written,
 *       published) and the receiver's inbox row (written when its handler began), plus the sandbox call (the
 *       AUTHORIZE transaction's {@code at} and {@code settled_at}). Prints key=value lines: PENDING → CONFIRMED
 *       and its parts ({@link #PARTS}), each as p50/p90/p99/max.</li>
 *   <li>{@code drain <kafka bootstrap> <postgres port> <password> <timeout seconds>}: waits (bounded) until the
 *       saga has nothing left to do: every outbox row of order-, catalog- and payment-service published and every
 *       consumer group caught up with its topics (committed offset = last stable offset), so that one rate's backlog
 *       does not spill into the next. Prints how long it took and what was left.</li>
 * </ul>
 * Everything goes to 127.0.0.1.
 */
public final class CheckoutBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final String PASSWORD = "Bench-checkout-password-1";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "setup" -> setup(URI.create(args[1]), URI.create(args[2]), args[3], args[4],
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]), Path.of(args[8]));
            case "tokens" -> tokens(URI.create(args[1]), Path.of(args[2]));
            case "load" -> load(URI.create(args[1]), Double.parseDouble(args[2]), Double.parseDouble(args[3]),
                    Path.of(args[4]), args[5], Path.of(args[6]));
            case "report" -> report(Integer.parseInt(args[1]), args[2], Path.of(args[3]), Integer.parseInt(args[4]));
            case "drain" -> drain(args[1], Integer.parseInt(args[2]), args[3], Integer.parseInt(args[4]));
            default -> {
                System.err.println("usage: CheckoutBench setup|tokens|load|report|drain ... (see the class comment)");
                System.exit(2);
            }
        }
    }

    // ---- setup -------------------------------------------------------------------------------------------------

    private static void setup(URI gateway, URI auth, String adminEmail, String adminPassword, int users, int products,
                              int stock, Path dir) throws Exception {
        Files.createDirectories(dir);
        String admin = login(auth, adminEmail, adminPassword);
        String run = Long.toString(System.currentTimeMillis(), 36);
        String sector = send(gateway, "POST", "/api/v1/sectors", admin,
                Map.of("name", "Checkout bench " + run, "slug", "checkout-bench-" + run), 201).get("id").asText();
        String brand = send(gateway, "POST", "/api/v1/brands", admin,
                Map.of("sectorId", sector, "name", "Bench brand " + run, "slug", "bench-brand-" + run), 201)
                .get("id").asText();
        List<String> productIds = new ArrayList<>();
        for (int i = 0; i < products; i++) {
            String price = String.format(Locale.ROOT, "%d.%02d", 50 + ThreadLocalRandom.current().nextInt(950),
                    ThreadLocalRandom.current().nextInt(100));
            String id = send(gateway, "POST", "/api/v1/products", admin, Map.of("sku", "BENCH-" + run + "-" + i,
                    "name", "Checkout bench product " + i, "brandId", brand,
                    "price", Map.of("amount", price, "currency", "RUB")), 201).get("id").asText();
            send(gateway, "PUT", "/api/v1/products/" + id + "/stock", admin, Map.of("quantity", stock), 200);
            productIds.add(id);
        }
        Files.write(dir.resolve("products.txt"), productIds);

        List<String> emails = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String email = "bench-" + run + "-" + i + "@checkout.bench";
            send(auth, "POST", "/api/v1/auth/register", null,
                    Map.of("email", email, "password", PASSWORD, "name", "Checkout bench " + i), 201);
            emails.add(email);
        }
        Files.write(dir.resolve("users.txt"), emails);
        tokens(auth, dir);

        // order-service prices orders from its read model of the catalog, fed by catalog-service's events.
        String token = Files.readAllLines(dir.resolve("tokens.txt")).getFirst();
        Instant until = Instant.now().plusSeconds(120);
        for (String id : productIds) {
            while (true) {
                HttpResponse<String> added = request(gateway, "PUT", "/api/v1/cart/items/" + id, token,
                        Map.of("quantity", 1));
                if (added.statusCode() == 200) {
                    break;
                }
                if (added.statusCode() != 422 || Instant.now().isAfter(until)) {
                    throw new IllegalStateException("product " + id + " not orderable: " + added.statusCode() + " "
                            + added.body());
                }
                Thread.sleep(200);
            }
        }
        request(gateway, "DELETE", "/api/v1/cart", token, null);
        System.out.printf("products=%d users=%d stock=%d%n", products, users, stock);
    }

    private static void tokens(URI auth, Path dir) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (String email : Files.readAllLines(dir.resolve("users.txt"))) {
            tokens.add(login(auth, email, PASSWORD));
        }
        Files.write(dir.resolve("tokens.txt"), tokens);
    }

    private static String login(URI auth, String email, String password) throws Exception {
        return send(auth, "POST", "/api/v1/auth/login", null, Map.of("email", email, "password", password), 200)
                .get("accessToken").asText();
    }

    private static JsonNode send(URI base, String method, String path, String token, Object body, int expected)
            throws Exception {
        HttpResponse<String> response = request(base, method, path, token, body);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> request(URI base, String method, String path, String token, Object body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- load --------------------------------------------------------------------------------------------------

    private record Result(long index, long dueNanos, long sentNanos, long endNanos, int status, String orderId,
                          String error) {
    }

    private static void load(URI gateway, double rate, double seconds, Path dir, String label, Path out)
            throws Exception {
        List<String> tokens = Files.readAllLines(dir.resolve("tokens.txt"));
        List<String> products = Files.readAllLines(dir.resolve("products.txt"));
        Map<String, Object> address = Map.of("recipient", "Bench Customer", "phone", "+7 900 000-00-00",
                "line1", "Lenina 1", "city", "Moscow", "postalCode", "101000", "country", "RU");
        long total = Math.round(rate * seconds);
        long interval = Math.round(1e9 / rate);
        // Bodies and requests made up front: the sending loop only waits and sends.
        List<HttpRequest> requests = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            String product = products.get((int) (i % products.size()));
            String body = JSON.writeValueAsString(Map.of(
                    "items", List.of(Map.of("productId", product, "quantity", 1)),
                    "shippingAddress", address,
                    "paymentMethod", Map.of("type", "card", "token", "tok_visa")));
            requests.add(HttpRequest.newBuilder(gateway.resolve("/api/v1/orders")).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + tokens.get((int) (i % tokens.size())))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "bench-" + label + "-" + i + "-" + UUID.randomUUID())
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build());
        }
        Result[] results = new Result[(int) total];
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        long start = System.nanoTime() + 100_000_000L;
        Instant wallStart = Instant.now().plusMillis(100);
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long sent = System.nanoTime();
            int index = (int) i;
            pending.add(HTTP.sendAsync(requests.get(index), HttpResponse.BodyHandlers.ofString())
                    .handle((response, failure) -> {
                        long end = System.nanoTime();
                        if (failure != null) {
                            results[index] = new Result(index, due - start, sent - start, end - start, 0, "",
                                    failure.toString().replace(',', ';'));
                        } else {
                            String id = "";
                            if (response.statusCode() == 201) {
                                try {
                                    id = JSON.readTree(response.body()).get("id").asText();
                                } catch (IOException e) {
                                    id = "";
                                }
                            }
                            results[index] = new Result(index, due - start, sent - start, end - start,
                                    response.statusCode(), id, "");
                        }
                        return null;
                    }));
        }
        long lastDue = start + (total - 1) * interval;
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // the rest count as errors below
        }
        long sendingLag = Arrays.stream(results).filter(r -> r != null).mapToLong(r -> r.sentNanos() - r.dueNanos())
                .max().orElse(0);

        List<Long> latencies = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out))) {
            csv.println("index,due_ms,sent_ms,latency_ms,status,order_id,error");
            for (int i = 0; i < results.length; i++) {
                Result r = results[i];
                if (r == null) {
                    statuses.merge("no-answer", 1, Integer::sum);
                    csv.printf(Locale.ROOT, "%d,%.3f,,,0,,no answer within %d s%n", i, i * interval / 1e6,
                            REQUEST_TIMEOUT.toSeconds());
                    continue;
                }
                statuses.merge(r.status() == 0 ? "io-error" : Integer.toString(r.status()), 1, Integer::sum);
                if (r.status() == 201) {
                    latencies.add(r.endNanos() - r.dueNanos());
                }
                csv.printf(Locale.ROOT, "%d,%.3f,%.3f,%.3f,%d,%s,%s%n", i, r.dueNanos() / 1e6, r.sentNanos() / 1e6,
                        (r.endNanos() - r.dueNanos()) / 1e6, r.status(), r.orderId(), r.error());
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long errors = total - sorted.length;
        System.out.printf(Locale.ROOT,
                "label=%s start=%s target_rate=%.0f requests=%d created=%d errors=%d statuses=%s post_p50_ms=%.1f "
                        + "post_p90_ms=%.1f post_p99_ms=%.1f post_max_ms=%.1f sending_lag_max_ms=%.1f "
                        + "sending_seconds=%.1f%n",
                label, wallStart, rate, total, sorted.length, errors, statuses.toString().replace(" ", ""),
                ms(sorted, 0.5), ms(sorted, 0.9), ms(sorted, 0.99), ms(sorted, 1.0), sendingLag / 1e6,
                (lastDue - start) / 1e9);
    }

    // ---- drain -------------------------------------------------------------------------------------------------

    private static void drain(String bootstrap, int postgresPort, String password, int timeoutSeconds)
            throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/fruitfulplanet?socketTimeout=60";
        Instant started = Instant.now();
        Instant until = started.plusSeconds(timeoutSeconds);
        java.util.Properties properties = new java.util.Properties();
        properties.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(org.apache.kafka.clients.admin.AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        long unpublished;
        long lag;
        int quiet = 0;
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(properties)) {
            while (true) {
                unpublished = 0;
                for (String schema : List.of("ordering", "catalog", "payment")) {
                    try (Connection connection = DriverManager.getConnection(url, schema, password);
                         ResultSet row = connection.createStatement().executeQuery(
                                 "SELECT count(*) FROM " + schema + ".outbox_event WHERE published_at IS NULL")) {
                        row.next();
                        unpublished += row.getLong(1);
                    }
                }
                lag = lag(admin);
                // Twice in a row: a record may be between a consumer's poll and its offset commit.
                quiet = unpublished == 0 && lag == 0 ? quiet + 1 : 0;
                if (quiet >= 2 || Instant.now().isAfter(until)) {
                    break;
                }
                Thread.sleep(1000);
            }
        }
        System.out.printf(Locale.ROOT, "drained=%s seconds=%.1f unpublished=%d lag=%d%n", quiet >= 2,
                Duration.between(started, Instant.now()).toMillis() / 1000.0, unpublished, lag);
    }

    /** Records not yet consumed, summed over every consumer group and partition it has committed offsets for. */
    private static long lag(org.apache.kafka.clients.admin.Admin admin) throws Exception {
        long lag = 0;
        for (var group : admin.listGroups().all().get(30, TimeUnit.SECONDS)) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed
                    = admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                    new HashMap<>();
            committed.keySet().forEach(partition ->
                    latest.put(partition, org.apache.kafka.clients.admin.OffsetSpec.latest()));
            var ends = admin.listOffsets(latest, new org.apache.kafka.clients.admin.ListOffsetsOptions(
                    org.apache.kafka.common.IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS);
            for (var entry : committed.entrySet()) {
                if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                    lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                }
            }
        }
        return lag;
    }

    // ---- report ------------------------------------------------------------------------------------------------

    private static void report(int postgresPort, String password, Path in, int waitSeconds) throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (String line : Files.readAllLines(in).subList(1, Files.readAllLines(in).size())) {
            String[] fields = line.split(",", -1);
            if (fields[4].equals("201") && !fields[5].isEmpty()) {
                ids.add(UUID.fromString(fields[5]));
            }
        }
        String url = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/fruitfulplanet?socketTimeout=60";
        Instant waitStarted = Instant.now();
        Instant until = waitStarted.plusSeconds(waitSeconds);
        Map<UUID, OrderRow> orders;
        try (Connection ordering = DriverManager.getConnection(url, "ordering", password)) {
            while (true) {
                orders = orders(ordering, ids);
                long open = orders.values().stream().filter(o -> o.status().equals("PENDING")).count();
                if (open == 0 || Instant.now().isAfter(until)) {
                    break;
                }
                Thread.sleep(500);
            }
        }
        // The saga's four messages, each as its sender's outbox row (written in the sender's transaction; published
        // by the relay) and its receiver's inbox row (written when the receiver's handler began).
        Map<String, Message> reserve;
        Map<String, Message> reserved;
        Map<String, Message> authorize;
        Map<String, Message> authorized;
        Map<UUID, Instant[]> provider = new HashMap<>();
        try (Connection ordering = DriverManager.getConnection(url, "ordering", password);
             Connection catalog = DriverManager.getConnection(url, "catalog", password);
             Connection payment = DriverManager.getConnection(url, "payment", password)) {
            reserve = messages(ordering, "ordering", "ReserveStock", catalog, "catalog", ids);
            reserved = messages(catalog, "catalog", "StockReserved", ordering, "ordering", ids);
            authorize = messages(ordering, "ordering", "AuthorizePayment", payment, "payment", ids);
            authorized = messages(payment, "payment", "PaymentAuthorized", ordering, "ordering", ids);
            try (PreparedStatement query = payment.prepareStatement("""
                    SELECT p.order_id, t.at, t.settled_at
                      FROM payment.payment p
                      JOIN payment.payment_transaction t ON t.payment_id = p.id AND t.type = 'AUTHORIZE'
                     WHERE p.order_id = ANY (?)""")) {
                query.setArray(1, uuids(payment, ids));
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        Timestamp settled = row.getTimestamp(3);
                        provider.put(row.getObject(1, UUID.class), new Instant[] {row.getTimestamp(2).toInstant(),
                                settled == null ? null : settled.toInstant()});
                    }
                }
            }
        }

        Map<String, Integer> outcomes = new TreeMap<>();
        List<Long> total = new ArrayList<>();
        Map<String, List<Long>> parts = new LinkedHashMap<>();
        for (String part : PARTS) {
            parts.put(part, new ArrayList<>());
        }
        Instant firstPending = null;
        Instant lastConfirmed = null;
        for (OrderRow order : orders.values()) {
            outcomes.merge(order.status() + (order.reason() == null ? "" : "/" + order.reason()), 1, Integer::sum);
            if (firstPending == null || order.pending().isBefore(firstPending)) {
                firstPending = order.pending();
            }
            if (order.confirmed() == null) {
                continue;
            }
            if (lastConfirmed == null || order.confirmed().isAfter(lastConfirmed)) {
                lastConfirmed = order.confirmed();
            }
            total.add(micros(order.pending(), order.confirmed()));
            String key = order.id().toString();
            Message m1 = reserve.get(key);
            Message m2 = reserved.get(key);
            Message m3 = authorize.get(key);
            Message m4 = authorized.get(key);
            Instant[] call = provider.get(order.id());
            if (m1 == null || m2 == null || m3 == null || m4 == null || !m1.complete() || !m2.complete()
                    || !m3.complete() || !m4.complete() || call == null || call[1] == null) {
                continue;
            }
            long[] values = {
                    micros(order.pending(), m1.created()), micros(m1.created(), m1.published()),
                    micros(m1.published(), m1.received()),
                    micros(m1.received(), m2.created()), micros(m2.created(), m2.published()),
                    micros(m2.published(), m2.received()),
                    micros(m2.received(), m3.created()), micros(m3.created(), m3.published()),
                    micros(m3.published(), m3.received()),
                    micros(m3.received(), m4.created()), micros(call[0], call[1]),
                    micros(m4.created(), m4.published()), micros(m4.published(), m4.received()),
                    micros(m4.received(), order.confirmed()),
                    // Sums over the four hops: the relays, Kafka and the consumers' polling, the handlers.
                    micros(m1.created(), m1.published()) + micros(m2.created(), m2.published())
                            + micros(m3.created(), m3.published()) + micros(m4.created(), m4.published()),
                    micros(m1.published(), m1.received()) + micros(m2.published(), m2.received())
                            + micros(m3.published(), m3.received()) + micros(m4.published(), m4.received()),
                    micros(m1.received(), m2.created()) + micros(m2.received(), m3.created())
                            + micros(m3.received(), m4.created()) + micros(m4.received(), order.confirmed())};
            for (int i = 0; i < PARTS.size(); i++) {
                parts.get(PARTS.get(i)).add(values[i]);
            }
        }
        long confirmed = total.size();
        double window = firstPending == null || lastConfirmed == null ? 0
                : Duration.between(firstPending, lastConfirmed).toNanos() / 1e9;
        System.out.printf(Locale.ROOT, "orders=%d outcomes=%s still_pending_after_wait=%d waited_s=%.1f "
                        + "confirmed_per_s=%.1f confirm_window_s=%.1f%n",
                ids.size(), outcomes.toString().replace(" ", ""), ids.size() - orders.values().stream()
                        .filter(o -> !o.status().equals("PENDING")).count(),
                Duration.between(waitStarted, Instant.now()).toMillis() / 1000.0,
                window > 0 ? confirmed / window : 0, window);
        printPercentiles("pending_to_confirmed", total);
        parts.forEach(CheckoutBench::printPercentiles);
    }

    /**
     * The parts of PENDING → CONFIRMED, in order (they add up to it): for each of the four messages, its sender's
     * transaction until the outbox row (only the first: the order's own insert), the relay (outbox row written →
     * published), Kafka and the receiver's consumer (published → inbox row written as the handler began), then
     * the receiver's handler until its own outbox row (or, last, until CONFIRMED). {@code provider} is the
     * sandbox call within payment-service's handler, shown beside it; the last three are sums over the hops.
     */
    private static final List<String> PARTS = List.of(
            "order_insert_to_outbox", "relay_reserve_stock", "kafka_reserve_stock", "catalog_handler",
            "relay_stock_reserved", "kafka_stock_reserved", "order_handler_reserved", "relay_authorize_payment",
            "kafka_authorize_payment", "payment_handler", "provider_call", "relay_payment_authorized",
            "kafka_payment_authorized", "order_handler_confirm", "sum_relays", "sum_kafka_and_consumers",
            "sum_handlers");

    /** One message of the saga: written to its sender's outbox, published, and received into the inbox. */
    private record Message(Instant created, Instant published, Instant received) {

        boolean complete() {
            return created != null && published != null && received != null;
        }
    }

    /** The messages of the given type (by order id) from the sender's outbox, with their receipt in the inbox. */
    private static Map<String, Message> messages(Connection sender, String senderSchema, String type,
                                                 Connection receiver, String receiverSchema, List<UUID> orderIds)
            throws SQLException {
        Map<String, Object[]> sent = new HashMap<>();
        try (PreparedStatement query = sender.prepareStatement("SELECT event_id, event_key, created_at, published_at"
                + " FROM " + senderSchema + ".outbox_event WHERE event_type LIKE ? AND event_key = ANY (?)")) {
            query.setString(1, "%." + type + ".v%");
            query.setArray(2, sender.createArrayOf("text", orderIds.stream().map(UUID::toString).toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    Timestamp published = row.getTimestamp(4);
                    // The first, should the relay have published one twice.
                    sent.putIfAbsent(row.getString(2), new Object[] {row.getObject(1, UUID.class),
                            row.getTimestamp(3).toInstant(), published == null ? null : published.toInstant()});
                }
            }
        }
        Map<UUID, Instant> received = new HashMap<>();
        try (PreparedStatement query = receiver.prepareStatement("SELECT event_id, min(received_at) FROM "
                + receiverSchema + ".inbox_event WHERE event_id = ANY (?) GROUP BY event_id")) {
            query.setArray(1, receiver.createArrayOf("uuid", sent.values().stream().map(s -> s[0]).toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    received.put(row.getObject(1, UUID.class), row.getTimestamp(2).toInstant());
                }
            }
        }
        Map<String, Message> messages = new HashMap<>();
        sent.forEach((key, s) -> messages.put(key, new Message((Instant) s[1], (Instant) s[2],
                received.get((UUID) s[0]))));
        return messages;
    }

    private record OrderRow(UUID id, String status, String reason, Instant pending, Instant confirmed) {
    }

    private static Map<UUID, OrderRow> orders(Connection ordering, List<UUID> ids) throws SQLException {
        Map<UUID, OrderRow> orders = new LinkedHashMap<>();
        try (PreparedStatement query = ordering.prepareStatement("""
                SELECT o.id, o.status, o.cancel_reason,
                       (SELECT min(h.at) FROM ordering.order_status_history h
                         WHERE h.order_id = o.id AND h.status = 'PENDING'),
                       (SELECT min(h.at) FROM ordering.order_status_history h
                         WHERE h.order_id = o.id AND h.status = 'CONFIRMED')
                  FROM ordering.customer_order o WHERE o.id = ANY (?)""")) {
            query.setArray(1, uuids(ordering, ids));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    Timestamp confirmed = row.getTimestamp(5);
                    UUID id = row.getObject(1, UUID.class);
                    orders.put(id, new OrderRow(id, row.getString(2), row.getString(3),
                            row.getTimestamp(4).toInstant(), confirmed == null ? null : confirmed.toInstant()));
                }
            }
        }
        return orders;
    }

    private static Array uuids(Connection connection, List<UUID> ids) throws SQLException {
        return connection.createArrayOf("uuid", ids.toArray());
    }

    private static long micros(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1000;
    }

    private static void printPercentiles(String name, List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s n=%d p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f%n", name,
                sorted.length, pct(sorted, 0.5) / 1000.0, pct(sorted, 0.9) / 1000.0, pct(sorted, 0.99) / 1000.0,
                pct(sorted, 1.0) / 1000.0);
    }

    /** The nearest-rank percentile. */
    private static double pct(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long[] sortedNanos, double quantile) {
        return pct(sortedNanos, quantile) / 1e6;
    }

    private CheckoutBench() {
    }
}
