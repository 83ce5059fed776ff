package com.fruitfulplanet.order.orders;

import com.fruitfulplanet.contracts.events.DomainEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What one saga step or one person's action does to an order: its new status, saga step, stock and payment state,
 * and the commands and events to send. {@link Orders#apply} writes it in the transaction that handled the message,
 * so the change and its messages commit together. A transition that changes nothing is {@link #isEmpty() empty}:
 * the answer to a message that arrived twice or too late.
 */
public final class Transition {

    /** Who changes the order: the saga, or the id of the person who asked. */
    public static final String SAGA = "SAGA";

    private final Order from;
    private @Nullable OrderStatus status;
    private @Nullable CancelReason cancelReason;
    private @Nullable SagaStep step;
    private @Nullable Duration deadlineIn;
    private @Nullable StockStatus stock;
    private @Nullable PaymentStatus payment;
    private @Nullable UUID paymentId;
    private boolean forgetCardToken;
    private final List<DomainEvent> messages = new ArrayList<>();
    private String actor = SAGA;
    private @Nullable String note;

    Transition(Order from) {
        this.from = from;
    }

    public Transition status(OrderStatus next) {
        if (next != from.status() && !from.status().canBecome(next)) {
            throw new IllegalStateException("Order " + from.number() + " cannot go from " + from.status() + " to "
                    + next);
        }
        this.status = next;
        return this;
    }

    public Transition cancel(CancelReason reason) {
        this.cancelReason = reason;
        return status(OrderStatus.CANCELLED).step(SagaStep.DONE);
    }

    /** Waits for the next answer until {@code deadline} from now. */
    public Transition await(SagaStep next, Duration deadline) {
        this.step = next;
        this.deadlineIn = deadline;
        return this;
    }

    public Transition step(SagaStep next) {
        this.step = next;
        this.deadlineIn = null;
        return this;
    }

    public Transition stock(StockStatus next) {
        this.stock = next;
        return this;
    }

    public Transition payment(PaymentStatus next) {
        this.payment = next;
        return this;
    }

    public Transition paymentId(UUID id) {
        this.paymentId = id;
        return this;
    }

    /** The card token has gone to payment-service and is not kept any longer. */
    public Transition forgetCardToken() {
        this.forgetCardToken = true;
        return this;
    }

    /** A command or event to send with this change. */
    public Transition send(DomainEvent message) {
        messages.add(Objects.requireNonNull(message));
        return this;
    }

    public Transition by(String who) {
        this.actor = who;
        return this;
    }

    public Transition note(String text) {
        this.note = text;
        return this;
    }

    public boolean isEmpty() {
        return status == null && step == null && stock == null && payment == null && paymentId == null
                && !forgetCardToken && messages.isEmpty();
    }

    public Order from() {
        return from;
    }

    public OrderStatus newStatus() {
        return status != null ? status : from.status();
    }

    public boolean changesStatus() {
        return status != null && status != from.status();
    }

    public @Nullable CancelReason newCancelReason() {
        return cancelReason != null ? cancelReason : from.cancelReason();
    }

    public SagaStep newStep() {
        return step != null ? step : from.step();
    }

    public @Nullable Instant newDeadline(Instant now) {
        if (step == null) {
            return from.stepDeadline();
        }
        return deadlineIn == null ? null : now.plus(deadlineIn);
    }

    public StockStatus newStock() {
        return stock != null ? stock : from.stock();
    }

    public PaymentStatus newPayment() {
        return payment != null ? payment : from.payment();
    }

    public @Nullable UUID newPaymentId() {
        return paymentId != null ? paymentId : from.paymentId();
    }

    public @Nullable String newCardToken() {
        return forgetCardToken ? null : from.cardToken();
    }

    public List<DomainEvent> messages() {
        return List.copyOf(messages);
    }

    public String actor() {
        return actor;
    }

    public @Nullable String note() {
        return note;
    }
}
