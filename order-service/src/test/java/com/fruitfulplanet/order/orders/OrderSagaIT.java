package com.fruitfulplanet.order.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.contracts.events.EventMetadata;
import com.fruitfulplanet.contracts.events.catalog.CommitStock;
import com.fruitfulplanet.contracts.events.catalog.ReleaseStock;
import com.fruitfulplanet.contracts.events.catalog.ReserveStock;
import com.fruitfulplanet.contracts.events.catalog.StockRejected;
import com.fruitfulplanet.contracts.events.catalog.StockReleased.ReleaseReason;
import com.fruitfulplanet.contracts.events.catalog.StockReserved;
import com.fruitfulplanet.contracts.events.order.OrderCancelled;
import com.fruitfulplanet.contracts.events.order.OrderConfirmed;
import com.fruitfulplanet.contracts.events.order.OrderPlaced;
import com.fruitfulplanet.contracts.events.order.OrderStatusChanged;
import com.fruitfulplanet.contracts.events.payment.AuthorizePayment;
import com.fruitfulplanet.contracts.events.payment.CapturePayment;
import com.fruitfulplanet.contracts.events.payment.PaymentAuthorized;
import com.fruitfulplanet.contracts.events.payment.PaymentCaptured;
import com.fruitfulplanet.contracts.events.payment.PaymentFailed;
import com.fruitfulplanet.contracts.events.payment.PaymentRefunded;
import com.fruitfulplanet.contracts.events.payment.PaymentVoided;
import com.fruitfulplanet.contracts.events.payment.RefundPayment;
import com.fruitfulplanet.contracts.events.payment.VoidPayment;
import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The saga step by step, with the answers of catalog-service and payment-service played by the test. */
class OrderSagaIT extends CheckoutIntegrationTest {

    private static final String CATALOG = "catalog-service";
    private static final String PAYMENT = "payment-service";

    private StockReserved reserved(UUID orderId, UUID product, int quantity) {
        return new StockReserved(UUID.randomUUID(), orderId, List.of(new StockReserved.ReservedLine(product,
                quantity, Money.of("120.50", "RUB"))), Instant.now().plusSeconds(900));
    }

    @Test
    void theHappyPathReservesAuthorizesAndConfirms() {
        Shopper shopper = newShopper();
        UUID product = catalog().product("120.50");
        UUID orderId = placed(shopper, product, 3, "tok_visa");

        assertThat(sent(OrderPlaced.class, orderId)).singleElement()
                .satisfies(placed -> assertThat(placed.total()).isEqualTo(Money.of("361.50", "RUB")));
        assertThat(sent(ReserveStock.class, orderId)).singleElement().satisfies(reserve -> {
            assertThat(reserve.lines()).containsExactly(new ReserveStock.Line(product, 3));
            assertThat(reserve.holdFor()).isPositive();
        });
        assertThat(order(orderId).step()).isEqualTo(SagaStep.RESERVING_STOCK);

        answered(CATALOG, reserved(orderId, product, 3));
        assertThat(sent(AuthorizePayment.class, orderId)).singleElement().satisfies(authorize -> {
            assertThat(authorize.amount()).isEqualTo(Money.of("361.50", "RUB"));
            assertThat(authorize.cardToken()).isEqualTo("tok_visa");
            assertThat(authorize.customerId()).isEqualTo(shopper.id());
        });
        Order authorizing = order(orderId);
        assertThat(authorizing.step()).isEqualTo(SagaStep.AUTHORIZING_PAYMENT);
        assertThat(authorizing.cardToken()).as("the card token is not kept once sent").isNull();

        UUID paymentId = UUID.randomUUID();
        answered(PAYMENT, new PaymentAuthorized(paymentId, orderId, Money.of("361.50", "RUB"), Instant.now()));
        Order confirmed = order(orderId);
        assertThat(confirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(confirmed.step()).isEqualTo(SagaStep.DONE);
        assertThat(confirmed.stepDeadline()).isNull();
        assertThat(confirmed.payment()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(confirmed.paymentId()).isEqualTo(paymentId);
        assertThat(sent(CapturePayment.class, orderId)).hasSize(1);
        assertThat(sent(CommitStock.class, orderId)).hasSize(1);
        assertThat(sent(OrderConfirmed.class, orderId)).hasSize(1);
        assertThat(sent(OrderStatusChanged.class, orderId)).extracting(OrderStatusChanged::status)
                .containsExactly("CONFIRMED");

        answered(PAYMENT, new PaymentCaptured(paymentId, orderId, Money.of("361.50", "RUB"), Instant.now()));
        assertThat(order(orderId).payment()).isEqualTo(PaymentStatus.CAPTURED);

        client.get().uri("/api/v1/orders/{id}", orderId).header("Authorization", "Bearer " + shopper.token())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("CONFIRMED")
                .jsonPath("$.payment.status").isEqualTo("CAPTURED")
                .jsonPath("$.total.amount").isEqualTo("361.50")
                .jsonPath("$.items[0].unitPrice.amount").isEqualTo("120.50")
                .jsonPath("$.history[*].status").isEqualTo(List.of("PENDING", "CONFIRMED"));
    }

    @Test
    void stockRejectedCancelsOutOfStockAndAsksNoMoney() {
        Shopper shopper = newShopper();
        UUID product = catalog().product("10.00");
        UUID orderId = placed(shopper, product, 50, "tok_visa");

        answered(CATALOG, new StockRejected(orderId, List.of(new StockRejected.Shortage(product, 50, 3))));

        Order cancelled = order(orderId);
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.cancelReason()).isEqualTo(CancelReason.OUT_OF_STOCK);
        assertThat(cancelled.stock()).isEqualTo(StockStatus.REJECTED);
        assertThat(sent(AuthorizePayment.class, orderId)).isEmpty();
        assertThat(sent(OrderCancelled.class, orderId)).singleElement()
                .satisfies(event -> assertThat(event.reason())
                        .isEqualTo(OrderCancelled.CancellationReason.OUT_OF_STOCK));
    }

    @Test
    void aDeclinedPaymentReleasesTheStockAndCancels() {
        Shopper shopper = newShopper();
        UUID product = catalog().product("10.00");
        UUID orderId = placed(shopper, product, 1, "tok_declined");
        answered(CATALOG, reserved(orderId, product, 1));

        answered(PAYMENT, new PaymentFailed(UUID.randomUUID(), orderId, Money.of("10.00", "RUB"), "Card declined",
                Instant.now()));

        Order cancelled = order(orderId);
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.cancelReason()).isEqualTo(CancelReason.PAYMENT_DECLINED);
        assertThat(cancelled.payment()).isEqualTo(PaymentStatus.FAILED);
        assertThat(sent(ReleaseStock.class, orderId)).singleElement()
                .satisfies(release -> assertThat(release.reason()).isEqualTo(ReleaseReason.PAYMENT_FAILED));
        assertThat(sent(CapturePayment.class, orderId)).isEmpty();
    }

    @Test
    void duplicatedAndRedeliveredAnswersHaveOneEffect() {
        Shopper shopper = newShopper();
        UUID product = catalog().product("10.00");
        UUID orderId = placed(shopper, product, 2, "tok_visa");
        StockReserved reserved = reserved(orderId, product, 2);
        EventMetadata first = answer(CATALOG, reserved);
        redeliver(reserved, first);
        // The same answer again under a new id (catalog-service answering a repeated command).
        answered(CATALOG, reserved);

        UUID paymentId = UUID.randomUUID();
        PaymentAuthorized authorized = new PaymentAuthorized(paymentId, orderId, Money.of("20.00", "RUB"),
                Instant.now());
        answered(PAYMENT, authorized, authorized);

        assertThat(sent(AuthorizePayment.class, orderId)).hasSize(1);
        assertThat(sent(CapturePayment.class, orderId)).hasSize(1);
        assertThat(sent(CommitStock.class, orderId)).hasSize(1);
        assertThat(order(orderId).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(orders.history(orderId).block()).extracting(HistoryEntry::status)
                .containsExactly(OrderStatus.PENDING, OrderStatus.CONFIRMED);
    }

    @Test
    void answersArrivingAfterTheSagaMovedOnChangeNothing() {
        Shopper shopper = newShopper();
        UUID product = catalog().product("10.00");
        UUID orderId = placed(shopper, product, 1, "tok_visa");
        answered(CATALOG, reserved(orderId, product, 1));
        answered(PAYMENT, new PaymentAuthorized(UUID.randomUUID(), orderId, Money.of("10.00", "RUB"),
                Instant.now()));

        // Out of order and late: a rejection and a decline for a step long done, and a decline after a timeout.
        answered(CATALOG, new StockRejected(orderId, List.of(new StockRejected.Shortage(product, 1, 0))));
        answered(PAYMENT, new PaymentFailed(UUID.randomUUID(), orderId, Money.of("10.00", "RUB"), "late",
                Instant.now()));

        Order order = order(orderId);
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.payment()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(sent(ReleaseStock.class, orderId)).isEmpty();

        UUID timedOut = placed(shopper, product, 1, "tok_timeout");
        answered(CATALOG, reserved(timedOut, product, 1));
        overdue(timedOut);
        awaitOrder(timedOut, found -> found.status() == OrderStatus.CANCELLED);
        answered(PAYMENT, new PaymentFailed(UUID.randomUUID(), timedOut, Money.of("10.00", "RUB"), "declined late",
                Instant.now()));
        Order declinedLate = order(timedOut);
        assertThat(declinedLate.cancelReason()).isEqualTo(CancelReason.TIMEOUT);
        assertThat(declinedLate.payment()).as("shown, nothing else changes").isEqualTo(PaymentStatus.FAILED);
        assertThat(sent(ReleaseStock.class, timedOut)).hasSize(1);
    }

    @Test
    void aReservationThatTimesOutIsCancelledAndALateReservationIsNotPaidFor() {
        Shopper shopper = newShopper();
        UUID product = catalog().product("10.00");
        UUID orderId = placed(shopper, product, 1, "tok_visa");
        overdue(orderId);

        Order cancelled = awaitOrder(orderId, order -> order.status() == OrderStatus.CANCELLED);
        assertThat(cancelled.cancelReason()).isEqualTo(CancelReason.TIMEOUT);
        assertThat(sent(ReleaseStock.class, orderId)).singleElement()
                .satisfies(release -> assertThat(release.reason()).isEqualTo(ReleaseReason.ORDER_CANCELLED));

        answered(CATALOG, reserved(orderId, product, 1));
        assertThat(sent(AuthorizePayment.class, orderId)).isEmpty();
        assertThat(order(orderId).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void aPaymentThatTimesOutIsVoidedAndTheStockReleased() {
        Shopper shopper = newShopper();
        UUID product = catalog().product("10.00");
        UUID orderId = placed(shopper, product, 1, "tok_timeout");
        answered(CATALOG, reserved(orderId, product, 1));
        overdue(orderId);

        Order cancelled = awaitOrder(orderId, order -> order.status() == OrderStatus.CANCELLED);
        assertThat(cancelled.cancelReason()).isEqualTo(CancelReason.TIMEOUT);
        assertThat(sent(VoidPayment.class, orderId)).hasSize(1);
        assertThat(sent(ReleaseStock.class, orderId)).hasSize(1);

        // The provider answers after all (reconciliation): payment-service voids it on the VoidPayment it has.
        UUID paymentId = UUID.randomUUID();
        answered(PAYMENT, new PaymentAuthorized(paymentId, orderId, Money.of("10.00", "RUB"), Instant.now()));
        assertThat(order(orderId).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(sent(CapturePayment.class, orderId)).isEmpty();
        answered(PAYMENT, new PaymentVoided(paymentId, orderId, Money.of("10.00", "RUB"), Instant.now()));
        assertThat(order(orderId).payment()).isEqualTo(PaymentStatus.VOIDED);
    }

    @Test
    void cancellingAConfirmedOrderRefundsItAndGivesTheStockBack() {
        Shopper shopper = newShopper();
        UUID product = catalog().product("10.00");
        UUID orderId = placed(shopper, product, 4, "tok_visa");
        answered(CATALOG, reserved(orderId, product, 4));
        UUID paymentId = UUID.randomUUID();
        answered(PAYMENT, new PaymentAuthorized(paymentId, orderId, Money.of("40.00", "RUB"), Instant.now()),
                new PaymentCaptured(paymentId, orderId, Money.of("40.00", "RUB"), Instant.now()));

        client.post().uri("/api/v1/orders/{id}/cancel", orderId).header("Authorization", "Bearer " + shopper.token())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("CANCELLED")
                .jsonPath("$.cancelReason").isEqualTo("CANCELLED_BY_USER");
        assertThat(sent(RefundPayment.class, orderId)).singleElement()
                .satisfies(refund -> assertThat(refund.amount()).as("everything captured").isNull());
        assertThat(sent(ReleaseStock.class, orderId)).singleElement()
                .satisfies(release -> assertThat(release.reason()).isEqualTo(ReleaseReason.ORDER_CANCELLED));
        assertThat(sent(VoidPayment.class, orderId)).isEmpty();

        answered(PAYMENT, new PaymentRefunded(paymentId, orderId, Money.of("40.00", "RUB"), Instant.now(),
                Money.of("40.00", "RUB"), Money.of("40.00", "RUB")));
        Order refunded = order(orderId);
        assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(refunded.payment()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refunded.cancelReason()).as("kept from the cancellation").isEqualTo(CancelReason.CANCELLED_BY_USER);
    }

    @Test
    void cancellingWhilePaymentIsAskedVoidsItAndAPartialRefundIsShownAsSuch() {
        Shopper shopper = newShopper();
        UUID product = catalog().product("10.00");
        UUID orderId = placed(shopper, product, 1, "tok_visa");
        answered(CATALOG, reserved(orderId, product, 1));

        client.post().uri("/api/v1/orders/{id}/cancel", orderId).header("Authorization", "Bearer " + shopper.token())
                .exchange().expectStatus().isOk();

        assertThat(sent(VoidPayment.class, orderId)).hasSize(1);
        assertThat(sent(ReleaseStock.class, orderId)).hasSize(1);
        // Cancelling again is harmless: no second compensation.
        client.post().uri("/api/v1/orders/{id}/cancel", orderId).header("Authorization", "Bearer " + shopper.token())
                .exchange().expectStatus().isOk();
        assertThat(sent(VoidPayment.class, orderId)).hasSize(1);
        assertThat(orders.history(orderId).block()).extracting(HistoryEntry::status)
                .containsExactly(OrderStatus.PENDING, OrderStatus.CANCELLED);
    }

    /** Moves the order's deadline into the past: the sweep then finds it (what a long wait would do). */
    private void overdue(UUID orderId) {
        db.sql("UPDATE customer_order SET step_deadline = now() - interval '1 second' WHERE id = :id")
                .bind("id", orderId).then().block();
    }
}
