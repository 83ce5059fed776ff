package com.fruitfulplanet.payment.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fruitfulplanet.contracts.events.EventEnvelope;
import com.fruitfulplanet.contracts.events.EventJson;
import com.fruitfulplanet.contracts.events.EventMetadata;
import com.fruitfulplanet.contracts.events.ReceivedEvent;
import com.fruitfulplanet.contracts.events.Topics;
import com.fruitfulplanet.contracts.events.payment.AuthorizePayment;
import com.fruitfulplanet.contracts.events.payment.CapturePayment;
import com.fruitfulplanet.contracts.events.payment.PaymentAuthorized;
import com.fruitfulplanet.contracts.events.payment.PaymentCaptured;
import com.fruitfulplanet.contracts.events.payment.PaymentFailed;
import com.fruitfulplanet.contracts.events.payment.PaymentRefunded;
import com.fruitfulplanet.contracts.events.payment.PaymentVoided;
import com.fruitfulplanet.contracts.events.payment.RefundPayment;
import com.fruitfulplanet.contracts.events.payment.VoidPayment;
import com.fruitfulplanet.payment.PaymentIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** The saga's payment commands arriving through Kafka, answered through the outbox, per sandbox card. */
class PaymentCommandsIT extends PaymentIntegrationTest {

    @Autowired
    private Environment environment;

    @Test
    void aVisaAuthorizationIsAnsweredPaymentAuthorizedOnTheTopic() {
        UUID order = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        send(authorize(order, customer, "1234.50", "tok_visa"));

        PaymentAuthorized authorized = awaitEvents(PaymentAuthorized.class, order, 1).getFirst();
        PaymentRow payment = payment(order);
        assertThat(payment.status()).isEqualTo("AUTHORIZED");
        assertThat(payment.userId()).isEqualTo(customer);
        assertThat(authorized.paymentId()).isEqualTo(payment.id());
        assertThat(authorized.amount()).isEqualTo(rub("1234.50"));
        TransactionRow authorization = transactions(order).getFirst();
        assertThat(authorization.type()).isEqualTo("AUTHORIZE");
        assertThat(authorization.status()).isEqualTo("SUCCEEDED");
        assertThat(authorization.idempotencyKey()).isEqualTo("order:" + order + ":authorize");
        assertThat(authorization.providerReference()).startsWith("sbx_authorize_");
        assertThat(settledAfterConsumed(order)).as("settled by the processor started at commit, not by a poll")
                .isLessThan(Duration.ofSeconds(2)); // reconciliation's grace in these tests
        assertThat(sandboxCharges(order)).singleElement().satisfies(charge -> {
            assertThat(charge.idempotencyKey()).isEqualTo("order:" + order + ":authorize");
            assertThat(charge.reference()).isEqualTo(authorization.providerReference());
            assertThat(charge.calls()).isEqualTo(1);
        });

        // And it really went out on payment.v1, keyed by the order, as the saga will read it.
        List<ConsumerRecord<String, byte[]>> published = readTopic(Topics.PAYMENT.name(),
                records -> records.stream().anyMatch(r -> order.toString().equals(r.key())));
        ReceivedEvent received = EventEnvelope.read(published.stream()
                .filter(r -> order.toString().equals(r.key())).findFirst().orElseThrow());
        assertThat(received.metadata().type()).isEqualTo("com.fruitfulplanet.payment.PaymentAuthorized.v1");
        assertThat(received.metadata().source().toString()).isEqualTo("urn:fruitfulplanet:payment-service");
        assertThat(EventJson.read(received.data(), PaymentAuthorized.class)).isEqualTo(authorized);
    }

    @Test
    void declinedCardsAreAnsweredPaymentFailedWithTheProvidersReason() {
        Map<String, String> reasons = Map.of(
                "tok_declined", "Card declined",
                "tok_insufficient_funds", "Insufficient funds",
                "tok_stolen_whatever", "Unknown card token");
        Map<String, UUID> orders = new java.util.HashMap<>();
        reasons.keySet().forEach(token -> {
            UUID order = UUID.randomUUID();
            orders.put(token, order);
            send(authorize(order, UUID.randomUUID(), "99.90", token));
        });

        reasons.forEach((token, reason) -> {
            UUID order = orders.get(token);
            PaymentFailed failed = awaitEvents(PaymentFailed.class, order, 1).getFirst();
            assertThat(failed.reason()).isEqualTo(reason);
            assertThat(failed.amount()).isEqualTo(rub("99.90"));
            assertThat(payment(order).status()).isEqualTo("FAILED");
            assertThat(transactions(order)).singleElement().satisfies(t -> {
                assertThat(t.status()).isEqualTo("FAILED");
                assertThat(t.failureReason()).isEqualTo(reason);
            });
            assertThat(events(PaymentAuthorized.class, order)).isEmpty();
        });
    }

    @Test
    void aTimedOutAuthorizationStaysPendingUntilReconciliationFindsItAuthorized() {
        UUID order = UUID.randomUUID();
        long started = System.nanoTime();
        send(authorize(order, UUID.randomUUID(), "500.00", "tok_timeout"));

        // The call times out: the sandbox did authorize, our side does not know yet.
        await().atMost(PATIENCE).until(() -> payment(order) != null && transactions(order).getFirst().attempts() > 0);
        assertThat(payment(order).status()).isEqualTo("PENDING");
        assertThat(transactions(order).getFirst().status()).isEqualTo("PENDING");
        assertThat(events(PaymentAuthorized.class, order)).isEmpty();
        assertThat(sandboxCharges(order)).singleElement()
                .satisfies(charge -> assertThat(charge.outcome()).isEqualTo("SUCCEEDED"));

        PaymentAuthorized authorized = awaitEvents(PaymentAuthorized.class, order, 1).getFirst();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("settled by a lookup after the grace period, not at once").isGreaterThan(
                Duration.ofSeconds(2));
        assertThat(payment(order).status()).isEqualTo("AUTHORIZED");
        TransactionRow authorization = transactions(order).getFirst();
        assertThat(authorization.status()).isEqualTo("SUCCEEDED");
        assertThat(sandboxCharges(order)).singleElement().satisfies(charge -> {
            assertThat(charge.reference()).isEqualTo(authorization.providerReference());
            assertThat(charge.calls()).as("found by a lookup, not called again").isEqualTo(1);
        });
        assertThat(authorized.paymentId()).isEqualTo(payment(order).id());
        assertThat(events(PaymentFailed.class, order)).isEmpty();
    }

    @Test
    void duplicatedCommandsCallTheProviderOnceAndAnswerOnce() {
        UUID order = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        AuthorizePayment authorize = authorize(order, customer, "10.00", "tok_visa");
        List<EventMetadata> sent = new ArrayList<>();
        EventMetadata first = send(authorize);
        sent.add(first);
        sent.add(send(authorize, first)); // a redelivery: the inbox drops it
        sent.add(send(authorize));        // the saga sending it again: a new event for the same order
        awaitEvents(PaymentAuthorized.class, order, 1);
        sent.add(send(new CapturePayment(order)));
        sent.add(send(new CapturePayment(order)));
        awaitEvents(PaymentCaptured.class, order, 1);
        await().atMost(PATIENCE).until(() -> consumed(sent) == 4); // five records, four distinct events

        assertThat(events(PaymentAuthorized.class, order)).hasSize(1);
        assertThat(events(PaymentCaptured.class, order)).hasSize(1);
        assertThat(transactions(order)).extracting(TransactionRow::type, TransactionRow::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AUTHORIZE", "SUCCEEDED"),
                        org.assertj.core.groups.Tuple.tuple("CAPTURE", "SUCCEEDED"));
        assertThat(sandboxCharges(order)).extracting(SandboxCharge::operation, SandboxCharge::calls)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AUTHORIZE", 1),
                        org.assertj.core.groups.Tuple.tuple("CAPTURE", 1));
        assertThat(payment(order).status()).isEqualTo("CAPTURED");
    }

    @Test
    void aVoidBeforeTheAuthorizationMakesTheAuthorizationANoOp() {
        UUID order = UUID.randomUUID();
        List<EventMetadata> sent = new ArrayList<>();
        sent.add(send(new VoidPayment(order, "order cancelled")));
        sent.add(send(authorize(order, UUID.randomUUID(), "10.00", "tok_visa")));

        await().atMost(PATIENCE).until(() -> consumed(sent) == 2);
        assertThat(payment(order)).isNull();
        assertThat(sandboxCharges(order)).as("no money held").isEmpty();
        assertThat(eventTypes(order)).isEmpty();
        assertThat(db.sql("SELECT reason FROM voided_order WHERE order_id = :order").bind("order", order)
                .map(row -> row.get("reason", String.class)).one().block()).isEqualTo("order cancelled");
    }

    @Test
    void aVoidOfAnAuthorizedPaymentReleasesIt() {
        UUID order = UUID.randomUUID();
        UUID payment = authorized(order, UUID.randomUUID(), "70.00");
        send(new VoidPayment(order, "out of stock"));
        send(new VoidPayment(order, "out of stock"));

        PaymentVoided voided = awaitEvents(PaymentVoided.class, order, 1).getFirst();
        assertThat(voided.paymentId()).isEqualTo(payment);
        assertThat(voided.amount()).isEqualTo(rub("70.00"));
        assertThat(payment(order).status()).isEqualTo("VOIDED");
        await().atMost(PATIENCE).until(() -> sandboxCharges(order).size() == 2);
        assertThat(sandboxCharges(order)).extracting(SandboxCharge::operation).containsExactly("AUTHORIZE", "VOID");
        assertThat(events(PaymentVoided.class, order)).hasSize(1);
    }

    @Test
    void aVoidOfAPendingAuthorizationVoidsItOnceReconciliationSettlesIt() {
        UUID order = UUID.randomUUID();
        send(authorize(order, UUID.randomUUID(), "300.00", "tok_timeout"));
        await().atMost(PATIENCE).until(() -> payment(order) != null && transactions(order).getFirst().attempts() > 0);
        send(new VoidPayment(order, "deadline passed"));
        await().atMost(PATIENCE).until(() -> transactions(order).size() == 2);
        assertThat(transactions(order).get(1).status()).as("waits behind the authorization").isEqualTo("PENDING");
        assertThat(payment(order).status()).isEqualTo("PENDING");

        awaitEvents(PaymentVoided.class, order, 1);
        assertThat(eventTypes(order)).containsExactly("PaymentAuthorized", "PaymentVoided");
        assertThat(payment(order).status()).isEqualTo("VOIDED");
        assertThat(transactions(order)).extracting(TransactionRow::type, TransactionRow::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AUTHORIZE", "SUCCEEDED"),
                        org.assertj.core.groups.Tuple.tuple("VOID", "SUCCEEDED"));
        assertThat(sandboxCharges(order)).extracting(SandboxCharge::operation).containsExactly("AUTHORIZE", "VOID");
    }

    @Test
    void aVoidOfADeclinedPaymentHoldsNothingAndAnswersNothing() {
        UUID order = UUID.randomUUID();
        send(authorize(order, UUID.randomUUID(), "10.00", "tok_declined"));
        awaitEvents(PaymentFailed.class, order, 1);
        List<EventMetadata> sent = List.of(send(new VoidPayment(order, "payment declined")));

        await().atMost(PATIENCE).until(() -> consumed(sent) == 1);
        assertThat(transactions(order)).hasSize(1);
        assertThat(eventTypes(order)).containsExactly("PaymentFailed");
    }

    @Test
    void captureTakesOnlyAnAuthorizedPayment() {
        UUID order = UUID.randomUUID();
        UUID payment = captured(order, UUID.randomUUID(), "1500.00");
        PaymentCaptured captured = events(PaymentCaptured.class, order).getFirst();
        assertThat(captured.paymentId()).isEqualTo(payment);
        assertThat(captured.amount()).isEqualTo(rub("1500.00"));
        assertThat(payment(order).status()).isEqualTo("CAPTURED");

        // A declined payment cannot be captured: no transaction, no provider call, no event.
        UUID declined = UUID.randomUUID();
        send(authorize(declined, UUID.randomUUID(), "10.00", "tok_declined"));
        awaitEvents(PaymentFailed.class, declined, 1);
        List<EventMetadata> sent = List.of(send(new CapturePayment(declined)));
        await().atMost(PATIENCE).until(() -> consumed(sent) == 1);
        assertThat(transactions(declined)).extracting(TransactionRow::type).containsExactly("AUTHORIZE");
        assertThat(events(PaymentCaptured.class, declined)).isEmpty();
    }

    @Test
    void refundsArePartialThenFullAndNeverExceedTheCapture() {
        UUID order = UUID.randomUUID();
        UUID payment = captured(order, UUID.randomUUID(), "1000.00");
        UUID first = UUID.randomUUID();

        send(new RefundPayment(order, first, rub("300.00"), "one item returned"));
        PaymentRefunded partial = awaitEvents(PaymentRefunded.class, order, 1).getFirst();
        assertThat(partial.paymentId()).isEqualTo(payment);
        assertThat(partial.amount()).isEqualTo(rub("300.00"));
        assertThat(partial.refundedTotal()).isEqualTo(rub("300.00"));
        assertThat(partial.capturedAmount()).isEqualTo(rub("1000.00"));
        assertThat(payment(order).status()).isEqualTo("PARTIALLY_REFUNDED");

        List<EventMetadata> refused = new ArrayList<>();
        refused.add(send(new RefundPayment(order, first, rub("300.00"), "one item returned"))); // same request id
        refused.add(send(new RefundPayment(order, UUID.randomUUID(), rub("700.01"), "too much")));
        await().atMost(PATIENCE).until(() -> consumed(refused) == 2);
        assertThat(transactions(order)).filteredOn(t -> t.type().equals("REFUND")).hasSize(1);

        send(new RefundPayment(order, UUID.randomUUID(), null, "order cancelled")); // the rest
        PaymentRefunded rest = awaitEvents(PaymentRefunded.class, order, 2).get(1);
        assertThat(rest.amount()).isEqualTo(rub("700.00"));
        assertThat(rest.refundedTotal()).isEqualTo(rub("1000.00"));
        assertThat(payment(order).status()).isEqualTo("REFUNDED");

        List<EventMetadata> nothingLeft = List.of(send(new RefundPayment(order, UUID.randomUUID(), null, "again")));
        await().atMost(PATIENCE).until(() -> consumed(nothingLeft) == 1);
        assertThat(transactions(order)).filteredOn(t -> t.type().equals("REFUND"))
                .extracting(TransactionRow::amount, TransactionRow::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("300.00", "SUCCEEDED"),
                        org.assertj.core.groups.Tuple.tuple("700.00", "SUCCEEDED"));
        assertThat(sandboxCharges(order)).filteredOn(c -> c.operation().equals("REFUND")).hasSize(2);
        assertThat(events(PaymentRefunded.class, order)).hasSize(2);
    }

    @Test
    void anUnknownProviderIsAnsweredPaymentFailedAtOnce() {
        UUID order = UUID.randomUUID();
        send(new AuthorizePayment(order, UUID.randomUUID(), rub("10.00"), "no-such-bank", "tok_visa"));

        PaymentFailed failed = awaitEvents(PaymentFailed.class, order, 1).getFirst();
        assertThat(failed.reason()).isEqualTo("Unknown payment provider no-such-bank");
        assertThat(payment(order).status()).isEqualTo("FAILED");
        assertThat(sandboxCharges(order)).isEmpty();
    }

    /** From the command's transaction (which created the payment) to the authorization's settlement. */
    private Duration settledAfterConsumed(UUID order) {
        return db.sql("""
                        SELECT p.created_at, t.settled_at FROM payment p
                          JOIN payment_transaction t ON t.payment_id = p.id AND t.type = 'AUTHORIZE'
                         WHERE p.order_id = :order""")
                .bind("order", order)
                .map(row -> Duration.between(row.get("created_at", java.time.Instant.class),
                        row.get("settled_at", java.time.Instant.class)))
                .one().block();
    }

    /** Reads a topic from the beginning outside any consumer group until the condition holds. */
    private List<ConsumerRecord<String, byte[]>> readTopic(String topic,
            java.util.function.Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                ConsumerConfig.GROUP_ID_CONFIG, "payment-test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }
}
