package com.fruitfulplanet.order.saga;

import com.fruitfulplanet.contracts.events.catalog.CommitStock;
import com.fruitfulplanet.contracts.events.catalog.ReleaseStock;
import com.fruitfulplanet.contracts.events.catalog.ReserveStock;
import com.fruitfulplanet.contracts.events.catalog.StockReleased.ReleaseReason;
import com.fruitfulplanet.contracts.events.payment.AuthorizePayment;
import com.fruitfulplanet.contracts.events.payment.CapturePayment;
import com.fruitfulplanet.contracts.events.payment.PaymentRefunded;
import com.fruitfulplanet.contracts.events.payment.RefundPayment;
import com.fruitfulplanet.contracts.events.payment.VoidPayment;
import com.fruitfulplanet.order.orders.CancelReason;
import com.fruitfulplanet.order.orders.Order;
import com.fruitfulplanet.order.orders.OrderStatus;
import com.fruitfulplanet.order.orders.PaymentStatus;
import com.fruitfulplanet.order.orders.SagaStep;
import com.fruitfulplanet.order.orders.StockStatus;
import com.fruitfulplanet.order.orders.Transition;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The order saga, orchestrated here, top to bottom. Each method is the answer to one message (or deadline, or
 * person) given the order as it is now; it returns the {@link Transition} to write, commands included, or an empty
 * one when the message changes nothing — a duplicate, or an answer that comes after the saga moved on. That is all
 * the idempotency and reordering tolerance the saga needs, because the order row is locked while a message is
 * handled and the step it waits for is part of that row.
 *
 * <pre>
 *  1. reserve stock       ReserveStock ─► StockReserved | StockRejected (→ CANCELLED OUT_OF_STOCK)
 *                         compensation: ReleaseStock
 *  2. authorize payment   AuthorizePayment ─► PaymentAuthorized | PaymentFailed (→ CANCELLED PAYMENT_DECLINED)
 *                         compensation: VoidPayment
 *  3. confirm             CapturePayment + CommitStock, order CONFIRMED; from here a cancellation is a refund
 *  a waiting step past its deadline: compensate what was done, CANCELLED TIMEOUT
 * </pre>
 */
@Component
public class OrderSaga {

    private final SagaProperties properties;

    OrderSaga(SagaProperties properties) {
        this.properties = properties;
    }

    /** A new order: step 1, reserve its stock. */
    public Transition start(Order order) {
        return order.change()
                .await(SagaStep.RESERVING_STOCK, properties.reserveTimeout())
                .send(new ReserveStock(order.id(), order.lines().stream()
                        .map(line -> new ReserveStock.Line(line.productId(), line.quantity()))
                        .toList(), properties.stockHold()));
    }

    /** Step 1 done: the stock is held, so step 2, ask for the money. */
    public Transition stockReserved(Order order) {
        if (order.step() != SagaStep.RESERVING_STOCK) {
            // Twice, or after the order was cancelled: that cancellation already sent ReleaseStock, which catalog
            // applies to this reservation too (a release before its reservation makes the reservation a no-op).
            return order.change();
        }
        return order.change()
                .stock(StockStatus.RESERVED)
                .await(SagaStep.AUTHORIZING_PAYMENT, properties.paymentTimeout())
                .send(new AuthorizePayment(order.id(), order.userId(), order.total(), order.paymentProvider(),
                        order.cardToken()))
                .forgetCardToken();
    }

    /** Step 1 failed: nothing is held, nothing to compensate. */
    public Transition stockRejected(Order order) {
        if (order.step() != SagaStep.RESERVING_STOCK) {
            return order.change();
        }
        return order.change().stock(StockStatus.REJECTED).cancel(CancelReason.OUT_OF_STOCK);
    }

    /** Step 2 done: step 3, confirm — take the money and the stock. */
    public Transition paymentAuthorized(Order order, UUID paymentId) {
        if (order.step() == SagaStep.AUTHORIZING_PAYMENT) {
            return order.change()
                    .paymentId(paymentId)
                    .payment(PaymentStatus.AUTHORIZED)
                    .status(OrderStatus.CONFIRMED)
                    .step(SagaStep.DONE)
                    .send(new CapturePayment(order.id()))
                    .send(new CommitStock(order.id()))
                    .stock(StockStatus.COMMITTED);
        }
        if (order.status() == OrderStatus.CANCELLED && order.payment() == PaymentStatus.NONE) {
            // Authorized after the saga gave up (deadline) or the customer cancelled: the VoidPayment sent then
            // voids it in payment-service; record the payment so the order shows what happened to it.
            return order.change().paymentId(paymentId).payment(PaymentStatus.AUTHORIZED);
        }
        return order.change();
    }

    /** Step 2 failed: compensate step 1. */
    public Transition paymentFailed(Order order, UUID paymentId) {
        if (order.step() != SagaStep.AUTHORIZING_PAYMENT) {
            // Declined after the saga gave up or the customer cancelled: nothing to undo, only to show.
            return order.status() == OrderStatus.CANCELLED && order.payment() == PaymentStatus.NONE
                    ? order.change().paymentId(paymentId).payment(PaymentStatus.FAILED) : order.change();
        }
        return order.change()
                .paymentId(paymentId)
                .payment(PaymentStatus.FAILED)
                .send(new ReleaseStock(order.id(), ReleaseReason.PAYMENT_FAILED))
                .stock(StockStatus.RELEASED)
                .cancel(CancelReason.PAYMENT_DECLINED);
    }

    /** A waiting step ran out of time: compensate whatever may have happened, then give up. */
    public Transition deadlinePassed(Order order) {
        return switch (order.step()) {
            case RESERVING_STOCK -> order.change()
                    // The reservation may still arrive; catalog-service releases it then.
                    .send(new ReleaseStock(order.id(), ReleaseReason.ORDER_CANCELLED))
                    .stock(StockStatus.RELEASED)
                    .cancel(CancelReason.TIMEOUT);
            case AUTHORIZING_PAYMENT -> order.change()
                    // The authorization may still arrive (a provider that timed out is settled by reconciliation);
                    // payment-service voids it then.
                    .send(new VoidPayment(order.id(), "Order " + order.number() + " cancelled: payment timed out"))
                    .send(new ReleaseStock(order.id(), ReleaseReason.ORDER_CANCELLED))
                    .stock(StockStatus.RELEASED)
                    .cancel(CancelReason.TIMEOUT);
            case DONE -> order.change();
        };
    }

    /**
     * The customer (or staff) cancels: undo each step done so far. Before confirmation that is releasing the stock
     * and voiding any authorization; after it, giving the stock back to the shelf and refunding the capture.
     * Cancelling a cancelled order changes nothing.
     */
    public Transition cancel(Order order, CancelReason reason, String actor) {
        if (order.status() == OrderStatus.CANCELLED) {
            return order.change();
        }
        Transition cancel = order.change().by(actor);
        if (order.status() == OrderStatus.CONFIRMED) {
            cancel.send(new RefundPayment(order.id(), UUID.nameUUIDFromBytes(("cancel:" + order.id()).getBytes(StandardCharsets.UTF_8)),
                    null, "Order " + order.number() + " cancelled: " + reason));
        } else if (order.step() == SagaStep.AUTHORIZING_PAYMENT || order.payment() == PaymentStatus.AUTHORIZED) {
            cancel.send(new VoidPayment(order.id(), "Order " + order.number() + " cancelled: " + reason));
        }
        return cancel
                .send(new ReleaseStock(order.id(), ReleaseReason.ORDER_CANCELLED))
                .stock(StockStatus.RELEASED)
                .cancel(reason);
    }

    /** The money of a confirmed order was taken (step 3's capture). */
    public Transition paymentCaptured(Order order) {
        return order.payment() == PaymentStatus.AUTHORIZED
                ? order.change().payment(PaymentStatus.CAPTURED) : order.change();
    }

    /** An authorization was released (compensation of step 2). */
    public Transition paymentVoided(Order order) {
        return order.payment() == PaymentStatus.VOIDED ? order.change() : order.change().payment(PaymentStatus.VOIDED);
    }

    /**
     * Money went back to the customer: a cancelled order's refund, or one staff made. Refunded in full, the order
     * is REFUNDED. Refund events carry running totals, so a duplicate or a late one cannot move the order back.
     */
    public Transition paymentRefunded(Order order, PaymentRefunded refund) {
        boolean full = refund.refundedTotal() != null && refund.capturedAmount() != null
                && refund.refundedTotal().amount().compareTo(refund.capturedAmount().amount()) >= 0;
        if (full) {
            Transition refunded = order.change().payment(PaymentStatus.REFUNDED);
            return order.status().canBecome(OrderStatus.REFUNDED) ? refunded.status(OrderStatus.REFUNDED) : refunded;
        }
        return order.payment() == PaymentStatus.REFUNDED
                ? order.change() : order.change().payment(PaymentStatus.PARTIALLY_REFUNDED);
    }
}
