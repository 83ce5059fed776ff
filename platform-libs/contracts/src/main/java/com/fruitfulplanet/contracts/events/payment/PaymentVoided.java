package com.fruitfulplanet.contracts.events.payment;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Published by payment-service when the authorization of an order's payment is released without taking money (a
 * saga compensation); keyed by order id.
 */
public record PaymentVoided(UUID paymentId, UUID orderId, Money amount, Instant voidedAt) implements DomainEvent {

    public PaymentVoided {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(voidedAt, "voidedAt");
    }

    @Override
    public String key() {
        return orderId.toString();
    }
}
