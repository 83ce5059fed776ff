package com.fruitfulplanet.contracts.events.payment;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Published by payment-service when the payment of a confirmed order is captured (money taken); keyed by order id. */
public record PaymentCaptured(UUID paymentId, UUID orderId, Money amount, Instant capturedAt) implements DomainEvent {

    public PaymentCaptured {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(capturedAt, "capturedAt");
    }

    @Override
    public String key() {
        return orderId.toString();
    }
}
