package com.fruitfulplanet.contracts.events.payment;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.money.Money;
import java.util.Objects;
import java.util.UUID;

/**
 * A compensation from order-service to payment-service: give back money captured for the order (a confirmed order
 * was cancelled). {@code amount} null means everything captured and not yet refunded. Answered by
 * {@link PaymentRefunded}; idempotent per order and {@code requestId} (a repeated command refunds nothing more).
 * Keyed by order id. {@code reason} is free text for people.
 */
public record RefundPayment(UUID orderId, UUID requestId, Money amount, String reason) implements DomainEvent {

    public RefundPayment {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String key() {
        return orderId.toString();
    }
}
