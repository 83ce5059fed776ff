package com.fruitfulplanet.contracts.events.payment;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Published by payment-service when a payment for an order cannot be authorized (a saga step; the order will be
 * cancelled); keyed by order id. {@code reason} is the provider's explanation, free text for people, not for logic.
 */
public record PaymentFailed(UUID paymentId, UUID orderId, Money amount, String reason, Instant failedAt)
        implements DomainEvent {

    public PaymentFailed {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(failedAt, "failedAt");
    }

    @Override
    public String key() {
        return orderId.toString();
    }
}
