package com.fruitfulplanet.e2e;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.e2e.Gateway.Reply;
import com.fruitfulplanet.e2e.LocalDevStack.KilledService;
import com.fruitfulplanet.e2e.LocalDevStack.RecordedPid;
import com.fruitfulplanet.e2e.StoredData.Stock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static com.fruitfulplanet.e2e.Gateway.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Checkout end to end (issue 6): the real platform started once with {@code ./devstack up}, every request through
 * the gateway with real tokens from auth-service (customers register and log in; the bootstrap admin creates the
 * products and sets their stock), and the saga across order-, catalog- and payment-service over the real Kafka.
 * Besides the answers of the API, each test reads what the services stored ({@link StoredData}: the catalog's on-hand
 * and reserved quantities, the state of each reservation, the payment's transactions) to prove that every service
 * ended up consistent with the order's final status.
 *
 * <ul>
 *   <li>a paid order is CONFIRMED, its payment CAPTURED and its stock committed (on hand down, nothing reserved);</li>
 *   <li>a declined card (two kinds) cancels the order PAYMENT_DECLINED and gives the stock back;</li>
 *   <li>more than on hand is CANCELLED OUT_OF_STOCK and no payment is asked for;</li>
 *   <li>a provider that does not answer leaves the payment pending until reconciliation, then the order is
 *       CONFIRMED;</li>
 *   <li>cancelling a confirmed order refunds the payment (order and payment REFUNDED) and puts the goods back;</li>
 *   <li>100 concurrent POSTs with one Idempotency-Key place one order; the key with another body is 422;</li>
 *   <li>webhooks without a valid, fresh signature are refused with problem+json;</li>
 *   <li>order-service killed with SIGKILL in the middle of several sagas and started again: every order still ends
 *       CONFIRMED or CANCELLED, with stock and payments consistent.</li>
 * </ul>
 *
 * payment-service runs with a short provider timeout and reconciliation (so {@code tok_timeout} settles in seconds)
 * and a webhook secret this test knows; the gateway trusts one proxy hop, so each customer speaks from an address of
 * its own, and its default rate limit is raised out of the way (EdgeSecurityIT tests the limits).
 */
@Order(3) // after EdgeSecurityIT, see junit-platform.properties
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckoutIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String ADMIN_EMAIL = "admin@fruitfulplanet.local";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM = "urn:fruitfulplanet:problem:";
    private static final String WEBHOOK_SECRET = "whsec_e2e_" + UUID.randomUUID();

    private static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration RECONCILIATION_INTERVAL = Duration.ofSeconds(1);
    private static final Duration RECONCILIATION_GRACE = Duration.ofSeconds(2);

    /** How long a saga may take here, and anything that follows from it (capture, commit, refund). */
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READ_MODEL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(150);
    /**
     * The platform's consumers' Kafka session timeout (platform-events, EventConsumers): Kafka hands a killed
     * consumer's partitions to its restarted instance once the dead member's session has timed out.
     */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    /** After a restart, the saga consumer may wait for Kafka's session timeout (45 s) before it reads anything. */
    private static final Duration AFTER_RESTART_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CLASS_DATA_TIMEOUT = Duration.ofSeconds(240);
    private static final Set<String> FINAL = Set.of("CONFIRMED", "CANCELLED", "REFUNDED");

    private static final Map<String, Object> SHIPPING_ADDRESS = Map.of(
            "recipient", "Анна Петрова", "phone", "+7 900 123-45-67", "line1", "ул. Ленина, д. 1, кв. 2",
            "city", "Москва", "postalCode", "101000", "country", "RU");

    private static final int RUN = ThreadLocalRandom.current().nextInt(256);
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private static LocalDevStack devstack;
    private static final List<RecordedPid> started = new ArrayList<>();
    private static Instant ready;
    private static String adminAddress;
    private static String adminToken;
    private static String brandId;

    @BeforeAll
    static void startThePlatform() throws Exception {
        LocalDevStack.stopLeftoversOfAnEarlierRun();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("FRUITFULPLANET_GATEWAY_RATE_LIMIT_DEFAULT_LIMIT_REQUESTS", "100000");
        environment.put("FRUITFULPLANET_GATEWAY_RATE_LIMIT_DEFAULT_LIMIT_PERIOD", "1m");
        environment.put("FRUITFULPLANET_GATEWAY_RATE_LIMIT_TRUSTED_PROXY_HOPS", "1");
        environment.put("FRUITFULPLANET_PAYMENT_PROVIDER_TIMEOUT", PROVIDER_TIMEOUT.toMillis() + "ms");
        environment.put("FRUITFULPLANET_PAYMENT_RECONCILIATION_INTERVAL", RECONCILIATION_INTERVAL.toMillis() + "ms");
        environment.put("FRUITFULPLANET_PAYMENT_RECONCILIATION_GRACE", RECONCILIATION_GRACE.toMillis() + "ms");
        // Map keys come from the variable's name: webhook-secret is WEBHOOKSECRET, not WEBHOOK_SECRET, here.
        environment.put("FRUITFULPLANET_PAYMENT_PROVIDERS_SANDBOX_WEBHOOKSECRET", WEBHOOK_SECRET);

        start("checkout", environment);
        if (started.stream().anyMatch(process -> process.commandLine().contains("-XX:+RecordDynamicDumpInfo"))) {
            // Services that started without class data (new builds) save it now. A JVM that has dumped its class
            // data may crash at any time afterwards (JDK 25: SIGSEGV in LambdaProxyClassDictionary::
            // find_lambda_proxy_class when it first links a lambda after the dump), so the tests run on a second
            // start, which maps the saved archives instead, as a developer's next start does.
            System.out.println("class data: " + devstack.awaitClassDataSaved(CLASS_DATA_TIMEOUT).map(String::strip)
                    .orElse("not saved within " + CLASS_DATA_TIMEOUT.toSeconds() + " s"));
            devstack.stopWhateverHappened(started);
            started.clear();
            start("checkout-again", environment);
        }
        assertThat(started).filteredOn(process -> !process.name().equals("devstack"))
                .as("every process devstack started is still running (see %s)", LocalDevStack.HOME.resolve("logs"))
                .allSatisfy(process -> assertThat(process.isAlive()).as(process.name()).isTrue());

        adminAddress = nextAddress();
        adminToken = login(adminAddress, ADMIN_EMAIL, adminPassword());
        // devstack loads the demo shop in the background once catalog-service is up; its brands are used here.
        Reply brands = awaitReply(Duration.ofSeconds(120), () -> call("GET", "/api/v1/brands?limit=1")
                .from(adminAddress).send(),
                reply -> reply.status() == 200 && !reply.<List<?>>json("$.items").isEmpty());
        brandId = brands.json("$.items[0].id");
        ready = Instant.now();
    }

    private static void start(String run, Map<String, String> environment) throws Exception {
        devstack = LocalDevStack.up(run, environment);
        String readyLine = devstack.awaitReady();
        started.addAll(LocalDevStack.recordedProcesses());
        System.out.println("devstack: " + readyLine.strip());
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (ready != null) {
            String took = "CheckoutIT: %.1f s of tests after the platform was ready%n"
                    .formatted(Duration.between(ready, Instant.now()).toMillis() / 1000.0);
            System.out.print(took);
            Files.writeString(LocalDevStack.TARGET.resolve("checkout-time.txt"), took);
        }
        if (devstack != null) {
            devstack.stopWhateverHappened(started);
        } else {
            LocalDevStack.stopRecorded(started);
        }
    }

    // ---- the outcomes of the saga ------------------------------------------------------------------------------

    @Test
    @Order(1)
    void aPaidOrderIsConfirmedItsPaymentCapturedAndItsStockCommitted() throws Exception {
        UUID product = newProduct("Confirmed", 10, "149.90");
        Customer customer = newCustomer("confirmed");
        awaitOrderable(customer, product);
        assertThat(StoredData.stock(product)).isEqualTo(new Stock(10, 0));
        assertThat(availableQuantity(product)).isEqualTo(10);

        Reply placed = place(customer, UUID.randomUUID().toString(), order(product, 3, "tok_visa"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String id = placed.json("$.id");
        assertThat(placed.header("Location")).isEqualTo("/api/v1/orders/" + id);
        assertThat(placed.<String>json("$.status")).isEqualTo("PENDING");
        assertThat(placed.<String>json("$.userId")).isEqualTo(customer.id());
        assertThat(placed.<String>json("$.number")).matches("FP-[0-9]{8}");
        assertThat(placed.<String>json("$.items[0].unitPrice.amount")).isEqualTo("149.90");
        assertThat(placed.<String>json("$.total.amount")).isEqualTo("449.70");
        assertThat(placed.<String>json("$.total.currency")).isEqualTo("RUB");

        Reply confirmed = awaitOrder(customer, id, reply -> reply.json("$.status").equals("CONFIRMED")
                && reply.json("$.payment.status").equals("CAPTURED"));
        assertThat(confirmed.<String>json("$.cancelReason")).isNull();
        assertThat(confirmed.<List<String>>json("$.history[*].status")).containsExactly("PENDING", "CONFIRMED");
        List<String> at = confirmed.json("$.history[*].at");
        assertThat(Instant.parse(at.get(0))).isBeforeOrEqualTo(Instant.parse(at.get(1)));

        Reply payments = payments(customer, id);
        assertThat(payments.status()).as(payments.body()).isEqualTo(200);
        assertThat(payments.<List<?>>json("$")).hasSize(1);
        assertThat(payments.<String>json("$[0].status")).isEqualTo("CAPTURED");
        assertThat(payments.<String>json("$[0].orderId")).isEqualTo(id);
        assertThat(payments.<String>json("$[0].amount.amount")).isEqualTo("449.70");
        assertThat(payments.<String>json("$[0].provider")).isEqualTo("sandbox");
        assertThat(payments.body()).doesNotContain("tok_visa");
        assertThat(StoredData.paymentTransactions(UUID.fromString(id)))
                .containsExactly("AUTHORIZE SUCCEEDED", "CAPTURE SUCCEEDED");

        assertThat(awaitStock(product, new Stock(7, 0))).as("committed: on hand down by 3, nothing reserved")
                .isEqualTo(new Stock(7, 0));
        assertThat(StoredData.reservation(UUID.fromString(id))).contains("COMMITTED");
        assertThat(awaitAvailable(product, 7)).as("availableQuantity through the catalog API").isEqualTo(7);

        // Another customer does not see the order or its payment.
        Customer stranger = newCustomer("stranger");
        assertProblem(call("GET", "/api/v1/orders/" + id).from(stranger.address()).bearer(stranger.token()).send(),
                404, "not-found");
        Reply theirs = payments(stranger, id);
        assertThat(theirs.status() == 404 || theirs.status() == 200 && theirs.<List<?>>json("$").isEmpty())
                .as("another customer's payments: %s", theirs).isTrue();
    }

    @Test
    @Order(2)
    void aDeclinedCardCancelsTheOrderAndGivesTheStockBack() throws Exception {
        UUID product = newProduct("Declined", 5, "300.00");
        Customer customer = newCustomer("declined");
        awaitOrderable(customer, product);

        for (String card : List.of("tok_declined", "tok_insufficient_funds")) {
            Reply placed = place(customer, UUID.randomUUID().toString(), order(product, 2, card));
            assertThat(placed.status()).as(placed.body()).isEqualTo(201);
            String id = placed.json("$.id");

            Reply cancelled = awaitOrder(customer, id, reply -> FINAL.contains(reply.<String>json("$.status")));
            assertThat(cancelled.<String>json("$.status")).as("%s: %s", card, cancelled.body()).isEqualTo("CANCELLED");
            assertThat(cancelled.<String>json("$.cancelReason")).isEqualTo("PAYMENT_DECLINED");
            assertThat(cancelled.<String>json("$.payment.status")).isEqualTo("FAILED");
            assertThat(cancelled.<List<String>>json("$.history[*].status")).containsExactly("PENDING", "CANCELLED");

            Reply payments = payments(customer, id);
            assertThat(payments.status()).as(payments.body()).isEqualTo(200);
            assertThat(payments.<String>json("$[0].status")).isEqualTo("FAILED");
            assertThat(StoredData.paymentTransactions(UUID.fromString(id))).containsExactly("AUTHORIZE FAILED");
            assertThat(awaitReservation(UUID.fromString(id), "RELEASED")).contains("RELEASED");
            assertThat(awaitStock(product, new Stock(5, 0))).as("%s: the stock back", card)
                    .isEqualTo(new Stock(5, 0));
        }
        assertThat(awaitAvailable(product, 5)).isEqualTo(5);
    }

    @Test
    @Order(3)
    void moreThanOnHandIsCancelledOutOfStockWithoutAskingForMoney() throws Exception {
        UUID product = newProduct("Scarce", 2, "75.50");
        Customer customer = newCustomer("scarce");
        awaitOrderable(customer, product);

        Reply placed = place(customer, UUID.randomUUID().toString(), order(product, 3, "tok_visa"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String id = placed.json("$.id");

        Reply cancelled = awaitOrder(customer, id, reply -> FINAL.contains(reply.<String>json("$.status")));
        assertThat(cancelled.<String>json("$.status")).as(cancelled.body()).isEqualTo("CANCELLED");
        assertThat(cancelled.<String>json("$.cancelReason")).isEqualTo("OUT_OF_STOCK");
        assertThat(cancelled.<String>json("$.payment.status")).isEqualTo("NONE");
        assertThat(StoredData.reservation(UUID.fromString(id))).contains("REJECTED");
        assertThat(StoredData.stock(product)).isEqualTo(new Stock(2, 0));
        // No AuthorizePayment was sent: payment-service knows nothing of this order.
        Thread.sleep(1000);
        assertThat(StoredData.paymentTransactions(UUID.fromString(id))).isEmpty();
        Reply payments = payments(customer, id);
        assertThat(payments.status() == 404 || payments.status() == 200 && payments.<List<?>>json("$").isEmpty())
                .as("payments of an order never paid: %s", payments).isTrue();
    }

    @Test
    @Order(4)
    void aProviderTimeoutStaysPendingUntilReconciliationThenTheOrderIsConfirmed() throws Exception {
        UUID product = newProduct("Slow provider", 5, "99.00");
        Customer customer = newCustomer("slow");
        awaitOrderable(customer, product);

        Reply placed = place(customer, UUID.randomUUID().toString(), order(product, 1, "tok_timeout"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        UUID id = UUID.fromString(placed.json("$.id"));

        // The call times out after the provider timeout; the transaction waits PENDING for reconciliation meanwhile,
        // and the order waits with it.
        List<String> pending = awaitValue(SAGA_TIMEOUT, () -> StoredData.paymentTransactions(id),
                transactions -> transactions.contains("AUTHORIZE PENDING"));
        assertThat(pending).as("the authorization, unanswered").containsExactly("AUTHORIZE PENDING");
        Reply waiting = call("GET", "/api/v1/orders/" + id).from(customer.address()).bearer(customer.token()).send();
        assertThat(waiting.<String>json("$.status")).as(waiting.body()).isEqualTo("PENDING");
        Reply payment = payments(customer, id.toString());
        assertThat(payment.<String>json("$[0].status")).as(payment.body()).isEqualTo("PENDING");

        Reply confirmed = awaitOrder(customer, id.toString(), reply -> FINAL.contains(reply.<String>json("$.status"))
                && !reply.json("$.payment.status").equals("AUTHORIZED"));
        assertThat(confirmed.<String>json("$.status")).as(confirmed.body()).isEqualTo("CONFIRMED");
        assertThat(confirmed.<String>json("$.payment.status")).isEqualTo("CAPTURED");
        List<String> at = confirmed.json("$.history[*].at");
        assertThat(Duration.between(Instant.parse(at.get(0)), Instant.parse(at.get(1))))
                .as("PENDING → CONFIRMED waited for the provider timeout and reconciliation")
                .isGreaterThanOrEqualTo(PROVIDER_TIMEOUT);
        assertThat(StoredData.paymentTransactions(id)).containsExactly("AUTHORIZE SUCCEEDED", "CAPTURE SUCCEEDED");
        assertThat(awaitStock(product, new Stock(4, 0))).isEqualTo(new Stock(4, 0));
        assertThat(StoredData.reservation(id)).contains("COMMITTED");
    }

    @Test
    @Order(5)
    void cancellingAConfirmedOrderRefundsThePaymentAndPutsTheGoodsBack() throws Exception {
        UUID product = newProduct("Returned", 4, "1200.00");
        Customer customer = newCustomer("refund");
        awaitOrderable(customer, product);

        Reply placed = place(customer, UUID.randomUUID().toString(), order(product, 2, "tok_visa"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String id = placed.json("$.id");
        awaitOrder(customer, id, reply -> reply.json("$.status").equals("CONFIRMED")
                && reply.json("$.payment.status").equals("CAPTURED"));
        assertThat(awaitStock(product, new Stock(2, 0))).isEqualTo(new Stock(2, 0));

        Reply cancel = call("POST", "/api/v1/orders/" + id + "/cancel").from(customer.address())
                .bearer(customer.token()).send();
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        assertThat(cancel.<String>json("$.status")).isIn("CANCELLED", "REFUNDED");
        assertThat(cancel.<String>json("$.cancelReason")).isEqualTo("CANCELLED_BY_USER");

        Reply refunded = awaitOrder(customer, id, reply -> reply.json("$.status").equals("REFUNDED"));
        assertThat(refunded.<String>json("$.payment.status")).isEqualTo("REFUNDED");
        assertThat(refunded.<List<String>>json("$.history[*].status"))
                .containsExactly("PENDING", "CONFIRMED", "CANCELLED", "REFUNDED");
        Reply payments = payments(customer, id);
        assertThat(payments.<String>json("$[0].status")).as(payments.body()).isEqualTo("REFUNDED");
        assertThat(payments.<List<String>>json("$[0].transactions[?(@.type == 'REFUND')].amount.amount"))
                .containsExactly("2400.00");
        assertThat(StoredData.paymentTransactions(UUID.fromString(id)))
                .containsExactly("AUTHORIZE SUCCEEDED", "CAPTURE SUCCEEDED", "REFUND SUCCEEDED");
        assertThat(awaitStock(product, new Stock(4, 0))).as("the goods back on hand").isEqualTo(new Stock(4, 0));
        assertThat(StoredData.reservation(UUID.fromString(id))).contains("RELEASED");
        assertThat(awaitAvailable(product, 4)).isEqualTo(4);

        assertProblem(call("POST", "/api/v1/orders/" + id + "/cancel").from(customer.address())
                .bearer(customer.token()).send(), 409, "order-not-cancellable");
    }

    // ---- idempotency -------------------------------------------------------------------------------------------

    @Test
    @Order(6)
    void aHundredConcurrentPostsWithOneIdempotencyKeyPlaceOneOrder() throws Exception {
        UUID product = newProduct("Double click", 200, "10.00");
        Customer customer = newCustomer("double-click");
        awaitOrderable(customer, product);
        String key = "e2e-" + UUID.randomUUID();
        Map<String, Object> body = order(product, 2, "tok_visa");

        List<CompletableFuture<Reply>> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sent.add(call("POST", "/api/v1/orders").from(customer.address()).bearer(customer.token())
                    .header("Idempotency-Key", key).json(body).sendAsync());
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
        List<Reply> replies = sent.stream().map(CompletableFuture::join).toList();
        Map<Integer, Long> statuses = new java.util.TreeMap<>();
        replies.forEach(reply -> statuses.merge(reply.status(), 1L, Long::sum));
        System.out.println("100 POSTs with one Idempotency-Key: " + statuses);

        assertThat(replies).as("every answer is the order (201) or 'still in progress' (409): %s", statuses)
                .allSatisfy(reply -> assertThat(reply.status()).as(reply.body()).isIn(201, 409));
        List<Reply> created = replies.stream().filter(reply -> reply.status() == 201).toList();
        assertThat(created).isNotEmpty();
        String id = created.getFirst().json("$.id");
        assertThat(created).extracting(reply -> reply.<String>json("$.id")).containsOnly(id);
        replies.stream().filter(reply -> reply.status() == 409).forEach(reply ->
                assertProblem(reply, 409, "idempotency-request-in-progress"));

        Reply again = place(customer, key, body);
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.<String>json("$.id")).isEqualTo(id);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertProblem(place(customer, key, order(product, 3, "tok_visa")), 422, "idempotency-key-reused");

        Reply mine = call("GET", "/api/v1/orders").from(customer.address()).bearer(customer.token()).send();
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        assertThat(mine.<List<String>>json("$.items[*].id")).containsExactly(id);
        awaitOrder(customer, id, reply -> reply.json("$.status").equals("CONFIRMED"));
        assertThat(awaitStock(product, new Stock(198, 0))).as("one reservation, committed once")
                .isEqualTo(new Stock(198, 0));
    }

    // ---- webhooks ----------------------------------------------------------------------------------------------

    @Test
    @Order(7)
    void webhooksWithoutAValidFreshSignatureAreRefused() {
        String path = "/api/v1/payments/webhooks/sandbox";
        String body = "{\"id\":\"evt_e2e_" + UUID.randomUUID() + "\",\"type\":\"payment.authorized\",\"data\":"
                + "{\"idempotencyKey\":\"order:" + UUID.randomUUID() + ":authorize\",\"reference\":\"ch_e2e\"}}";
        long now = Instant.now().getEpochSecond();
        String address = nextAddress();

        assertProblem(call("POST", path).from(address).rawJson(body).send(), 400, "webhook-signature-missing");
        assertProblem(call("POST", path).from(address).rawJson(body)
                .header("Payment-Signature", "t=" + now + ",v1=nothex").send(), 400, "webhook-signature-malformed");
        assertProblem(call("POST", path).from(address).rawJson(body)
                .header("Payment-Signature", signature("whsec_someone_else", now, body)).send(),
                401, "webhook-signature-invalid");
        assertProblem(call("POST", path).from(address).rawJson(body.replace("ch_e2e", "ch_forged"))
                .header("Payment-Signature", signature(WEBHOOK_SECRET, now, body)).send(),
                401, "webhook-signature-invalid");
        long tenMinutesAgo = now - Duration.ofMinutes(10).toSeconds();
        assertProblem(call("POST", path).from(address).rawJson(body)
                .header("Payment-Signature", signature(WEBHOOK_SECRET, tenMinutesAgo, body)).send(),
                401, "webhook-timestamp-outside-tolerance");
        assertProblem(call("POST", "/api/v1/payments/webhooks/nosuchprovider").from(address).rawJson(body)
                .header("Payment-Signature", signature(WEBHOOK_SECRET, now, body)).send(), 404, "unknown-provider");

        // The control: the same body signed with the right secret just now is accepted (about no transaction of
        // ours, so it changes nothing), which shows that the refusals above were for the signature alone.
        Reply accepted = call("POST", path).from(address).rawJson(body)
                .header("Payment-Signature", signature(WEBHOOK_SECRET, now, body)).send();
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    }

    // ---- a crash in the middle -------------------------------------------------------------------------------

    /**
     * Several orders placed at once (paid, declined, a provider that times out, one short of stock), then
     * order-service gets SIGKILL right after the last 201, while sagas are under way, and is started again with the
     * same command line. Last, as it restarts a service.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void orderServiceKilledMidSagaStillEndsEveryOrderConsistently() throws Exception {
        UUID plenty = newProduct("Crash plenty", 50, "99.00");
        UUID scarce = newProduct("Crash scarce", 1, "10.00");
        Customer first = newCustomer("crash-1");
        Customer second = newCustomer("crash-2");
        awaitOrderable(first, plenty);
        awaitOrderable(first, scarce);

        record Placed(Customer customer, String key, Map<String, Object> body, String card, UUID product,
                      int quantity, String expected) {
        }
        List<Placed> plan = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Customer customer = i % 2 == 0 ? first : second;
            String card = i < 5 ? "tok_visa" : i < 7 ? "tok_declined" : i < 9 ? "tok_timeout" : "tok_visa";
            UUID product = i < 9 ? plenty : scarce;
            int quantity = i < 9 ? 1 : 2;
            String expected = i == 9 ? "CANCELLED/OUT_OF_STOCK"
                    : card.equals("tok_declined") ? "CANCELLED/PAYMENT_DECLINED" : "CONFIRMED";
            plan.add(new Placed(customer, "crash-" + UUID.randomUUID(), order(product, quantity, card), card, product,
                    quantity, expected));
        }
        List<CompletableFuture<Reply>> sent = plan.stream().map(placed -> call("POST", "/api/v1/orders")
                .from(placed.customer().address()).bearer(placed.customer().token())
                .header("Idempotency-Key", placed.key()).json(placed.body()).sendAsync()).toList();
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        List<UUID> ids = new ArrayList<>();
        for (CompletableFuture<Reply> reply : sent) {
            assertThat(reply.join().status()).as(reply.join().body()).isEqualTo(201);
            ids.add(UUID.fromString(reply.join().json("$.id")));
        }

        Instant killedAt = Instant.now();
        KilledService killed = devstack.kill(PlatformService.ORDER.applicationName());
        Map<UUID, String> atKill = StoredData.orderStates(ids);
        System.out.println("order-service " + killed + " killed; orders then (status/saga step): " + atKill.values());
        assertThat(atKill.values()).as("some sagas were under way when order-service was killed")
                .anyMatch(state -> !state.endsWith("/DONE"));
        Reply whileDown = call("GET", "/api/v1/orders/" + ids.getFirst()).from(first.address())
                .bearer(first.token()).send();
        assertThat(whileDown.status()).as("order-service is down: %s", whileDown).isGreaterThanOrEqualTo(500);
        assertThat(whileDown.header("Content-Type")).startsWith(PROBLEM_JSON);
        // Meanwhile catalog- and payment-service answer the commands already sent; the answers wait in Kafka.
        Thread.sleep(3000);

        Process restarted = devstack.restart(killed);
        awaitReadiness(PlatformService.ORDER, restarted);
        Duration down = Duration.between(killedAt, Instant.now());
        System.out.printf("order-service was down for %.1f s (pid %d now)%n", down.toMillis() / 1000.0,
                restarted.pid());
        // The restarted instance reads the saga's answers once Kafka has handed it the consumer's partitions, when
        // the dead member's session has timed out (SESSION_TIMEOUT after the kill) and it has started. If that comes
        // near the saga's 30 s deadline for catalog-service's answer (a slow restart), an order that was still
        // waiting may fairly be given up: CANCELLED TIMEOUT, and compensated. Consistency is required of every order.
        Duration blind = down.compareTo(SESSION_TIMEOUT) > 0 ? down : SESSION_TIMEOUT;
        boolean timeoutsFair = blind.compareTo(Duration.ofSeconds(20)) > 0;
        List<String> givenUp = new ArrayList<>();

        Map<String, Integer> confirmedPerProduct = new LinkedHashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            Placed placed = plan.get(i);
            UUID id = ids.get(i);
            Reply last = awaitOrder(placed.customer(), id.toString(), reply -> FINAL.contains(
                    reply.<String>json("$.status")) && Set.of("CAPTURED", "FAILED", "VOIDED", "NONE")
                    .contains(reply.<String>json("$.payment.status")), AFTER_RESTART_TIMEOUT);
            String outcome = last.<String>json("$.status")
                    + (last.json("$.cancelReason") == null ? "" : "/" + last.json("$.cancelReason"));
            String what = "order %d (%s, %d × %s): %s".formatted(i, placed.card(), placed.quantity(),
                    placed.product() == plenty ? "plenty" : "scarce", last.body());
            if (timeoutsFair && outcome.equals("CANCELLED/TIMEOUT") && !atKill.get(id).endsWith("/DONE")) {
                givenUp.add(i + " (" + placed.card() + ", " + atKill.get(id) + " at the kill)");
            } else {
                assertThat(outcome).as(what).isEqualTo(placed.expected());
            }

            // What payment-service did, once nothing of it is pending any more.
            List<String> transactions = awaitValue(SAGA_TIMEOUT, () -> StoredData.paymentTransactions(id),
                    done -> done.stream().noneMatch(transaction -> transaction.endsWith(" PENDING")));
            if (outcome.equals("CONFIRMED")) {
                confirmedPerProduct.merge(placed.product().toString(), placed.quantity(), Integer::sum);
                assertThat(last.<String>json("$.payment.status")).as(what).isEqualTo("CAPTURED");
                assertThat(awaitReservation(id, "COMMITTED")).as(what).contains("COMMITTED");
                assertThat(transactions).as(what).containsExactly("AUTHORIZE SUCCEEDED", "CAPTURE SUCCEEDED");
            } else {
                // Rejected, or released (a release that came before its reservation leaves a RELEASED tombstone).
                assertThat(awaitReservation(id, "RELEASED", "REJECTED")).as("the reservation of " + what)
                        .hasValueSatisfying(state -> assertThat(state).isIn("RELEASED", "REJECTED"));
                assertThat(transactions).as("no money taken for " + what).doesNotContain("CAPTURE SUCCEEDED");
                if (transactions.contains("AUTHORIZE SUCCEEDED")) {
                    assertThat(transactions).as("an authorization of a cancelled order is voided: " + what)
                            .contains("VOID SUCCEEDED");
                }
                Reply payments = payments(placed.customer(), id.toString());
                if (payments.status() == 200 && !payments.<List<?>>json("$").isEmpty()) {
                    assertThat(payments.<String>json("$[0].status")).as(what).isIn("FAILED", "VOIDED");
                }
            }
            // The key still answers with this very order after the crash.
            Reply replay = place(placed.customer(), placed.key(), placed.body());
            assertThat(replay.status()).as(replay.body()).isEqualTo(201);
            assertThat(replay.<String>json("$.id")).isEqualTo(id.toString());
        }
        System.out.printf("after the restart: %d of %d orders given up (CANCELLED TIMEOUT): %s%n", givenUp.size(),
                plan.size(), givenUp);
        int plentyConfirmed = confirmedPerProduct.getOrDefault(plenty.toString(), 0);
        int scarceConfirmed = confirmedPerProduct.getOrDefault(scarce.toString(), 0);
        assertThat(awaitStock(plenty, new Stock(50 - plentyConfirmed, 0)))
                .as("on hand less what was confirmed, nothing left reserved")
                .isEqualTo(new Stock(50 - plentyConfirmed, 0));
        assertThat(awaitStock(scarce, new Stock(1 - scarceConfirmed, 0))).isEqualTo(new Stock(1 - scarceConfirmed, 0));
        for (Customer customer : List.of(first, second)) {
            Reply mine = call("GET", "/api/v1/orders?limit=100").from(customer.address()).bearer(customer.token())
                    .send();
            assertThat(mine.<List<String>>json("$.items[*].id")).as("no order twice, none lost")
                    .hasSize((int) plan.stream().filter(placed -> placed.customer() == customer).count());
        }
    }

    // ---- customers, products, orders ---------------------------------------------------------------------------

    private record Customer(String id, String address, String token) {
    }

    private static Customer newCustomer(String name) {
        String address = nextAddress();
        String email = "e2e-" + name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@checkout.test";
        Reply registered = call("POST", "/api/v1/auth/register").from(address)
                .json(Map.of("email", email, "password", PASSWORD, "name", "Checkout " + name)).send();
        assertThat(registered.status()).as("register %s: %s", email, registered.body()).isEqualTo(201);
        return new Customer(registered.json("$.id"), address, login(address, email, PASSWORD));
    }

    private static String login(String address, String email, String password) {
        Reply reply = call("POST", "/api/v1/auth/login").from(address)
                .json(Map.of("email", email, "password", password)).send();
        assertThat(reply.status()).as("login %s: %s", email, reply.body()).isEqualTo(200);
        return reply.json("$.accessToken");
    }

    /** An ACTIVE product of the demo shop's first brand, created by the admin, with that much stock on hand. */
    private static UUID newProduct(String name, int stock, String price) {
        String sku = "E2E-CO-" + RUN + "-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = call("POST", "/api/v1/products").from(adminAddress).bearer(adminToken)
                .json(Map.of("sku", sku, "name", name + " " + sku, "brandId", brandId,
                        "price", Map.of("amount", price, "currency", "RUB")))
                .send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json("$.id");
        Reply stocked = call("PUT", "/api/v1/products/" + id + "/stock").from(adminAddress).bearer(adminToken)
                .json(Map.of("quantity", stock)).send();
        assertThat(stocked.status()).as(stocked.body()).isEqualTo(200);
        assertThat(stocked.<Integer>json("$.onHand")).isEqualTo(stock);
        assertThat(stocked.<Integer>json("$.reserved")).isZero();
        assertThat(stocked.<Integer>json("$.availableQuantity")).isEqualTo(stock);
        return UUID.fromString(id);
    }

    /**
     * Until order-service's read model has the product (catalog-service's ProductUpserted reached it), adding it to
     * a cart is 422 product-unavailable; then the cart is emptied again.
     */
    private static void awaitOrderable(Customer customer, UUID product) {
        Reply added = awaitReply(READ_MODEL_TIMEOUT, () -> call("PUT", "/api/v1/cart/items/" + product)
                        .from(customer.address()).bearer(customer.token()).json(Map.of("quantity", 1)).send(),
                reply -> {
                    if (reply.status() != 200 && reply.status() != 422) {
                        fail("PUT /api/v1/cart/items/%s: %s", product, reply);
                    }
                    return reply.status() == 200;
                });
        assertThat(added.<List<String>>json("$.items[*].productId")).contains(product.toString());
        Reply emptied = call("DELETE", "/api/v1/cart").from(customer.address()).bearer(customer.token()).send();
        assertThat(emptied.status()).as(emptied.body()).isEqualTo(204);
    }

    private static Map<String, Object> order(UUID product, int quantity, String card) {
        return Map.of("items", List.of(Map.of("productId", product.toString(), "quantity", quantity)),
                "shippingAddress", SHIPPING_ADDRESS,
                "paymentMethod", Map.of("type", "card", "token", card));
    }

    private static Reply place(Customer customer, String idempotencyKey, Map<String, Object> body) {
        return call("POST", "/api/v1/orders").from(customer.address()).bearer(customer.token())
                .header("Idempotency-Key", idempotencyKey).json(body).send();
    }

    /** Polls the order until {@code done} holds; fails with the last answer when it does not within the timeout. */
    private static Reply awaitOrder(Customer customer, String id, Predicate<Reply> done) {
        return awaitOrder(customer, id, done, SAGA_TIMEOUT);
    }

    private static Reply awaitOrder(Customer customer, String id, Predicate<Reply> done, Duration timeout) {
        return awaitReply(timeout, () -> call("GET", "/api/v1/orders/" + id).from(customer.address())
                .bearer(customer.token()).send(), reply -> reply.status() == 200 && done.test(reply));
    }

    private static Reply payments(Customer customer, String orderId) {
        return call("GET", "/api/v1/payments?orderId=" + orderId).from(customer.address()).bearer(customer.token())
                .send();
    }

    private static int availableQuantity(UUID product) {
        Reply reply = call("GET", "/api/v1/products/" + product).from(adminAddress).send();
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.<Integer>json("$.availableQuantity");
    }

    /** The catalog API caches products; a stock change reaches its cache through an event. */
    private static int awaitAvailable(UUID product, int expected) throws Exception {
        return awaitValue(Duration.ofSeconds(30), () -> availableQuantity(product), value -> value == expected);
    }

    private static Stock awaitStock(UUID product, Stock expected) throws Exception {
        return awaitValue(SAGA_TIMEOUT, () -> StoredData.stock(product), expected::equals);
    }

    /** The reservation once it is in one of the states, or as it was when the time ran out. */
    private static Optional<String> awaitReservation(UUID order, String... states) throws Exception {
        return awaitValue(SAGA_TIMEOUT, () -> StoredData.reservation(order),
                state -> state.isPresent() && List.of(states).contains(state.get()));
    }

    /** Readiness on the service's management port, while the process lives. */
    private static void awaitReadiness(PlatformService service, Process process) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI readiness = URI.create("http://127.0.0.1:" + service.managementPort() + "/actuator/health/readiness");
        Instant until = Instant.now().plus(RESTART_TIMEOUT);
        while (Instant.now().isBefore(until)) {
            assertThat(process.isAlive()).as("%s after its restart (see its log)", service.applicationName())
                    .isTrue();
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(readiness)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        fail("%s was not ready within %d s of its restart", service.applicationName(), RESTART_TIMEOUT.toSeconds());
    }

    // ---- waiting -----------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls every 200 ms until {@code done}; returns the last value either way (the caller's assertion judges). */
    private static <T> T awaitValue(Duration timeout, Probe<T> probe, Predicate<T> done) throws Exception {
        Instant until = Instant.now().plus(timeout);
        T value = probe.get();
        while (!done.test(value) && Instant.now().isBefore(until)) {
            Thread.sleep(200);
            value = probe.get();
        }
        return value;
    }

    private static Reply awaitReply(Duration timeout, java.util.function.Supplier<Reply> probe,
                                    Predicate<Reply> done) {
        Instant until = Instant.now().plus(timeout);
        Reply reply = probe.get();
        while (!done.test(reply)) {
            if (Instant.now().isAfter(until)) {
                return fail("not done within %d s; last answer: %s", timeout.toSeconds(), reply);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
            reply = probe.get();
        }
        return reply;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static void assertProblem(Reply reply, int status, String type) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as("Content-Type of a %d", status).startsWith(PROBLEM_JSON);
        assertThat(reply.<Integer>json("$.status")).isEqualTo(status);
        assertThat(reply.<String>json("$.type")).isEqualTo(PROBLEM + type);
    }

    /** {@code Payment-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 over "<t>.<body>">}, as docs/payments.md says. */
    private static String signature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            byte[] signed = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(signed);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String adminPassword() throws IOException {
        Properties secrets = new Properties();
        try (Reader reader = Files.newBufferedReader(LocalDevStack.HOME.resolve("secrets.properties"),
                StandardCharsets.UTF_8)) {
            secrets.load(reader);
        }
        return secrets.getProperty("auth.bootstrap-admin.password");
    }

    /** A client address of its own (10.0.0.0/8), as the proxy in front of the gateway would report it. */
    private static String nextAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10." + RUN + "." + (100 + n / 250) + "." + (n % 250 + 1);
    }
}
