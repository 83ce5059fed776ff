package com.fruitfulplanet.contracts.events.payment;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Published by payment-service when a captured payment is refunded ({@code amount}: how much); keyed by order id. */
public record PaymentRefunded(UUID paymentId, UUID orderId, Money amount, Instant refundedAt) implements DomainEvent {

    public PaymentRefunded {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(refundedAt, "refundedAt");
    }

    @Override
    public String key() {
        return orderId.toString();
    }
}
