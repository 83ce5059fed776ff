package com.fruitfulplanet.contracts.events.payment;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Published by payment-service when an order's payment is authorized (a saga step; money held); keyed by order id. */
public record PaymentAuthorized(UUID paymentId, UUID orderId, Money amount, Instant authorizedAt)
        implements DomainEvent {

    public PaymentAuthorized {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(authorizedAt, "authorizedAt");
    }

    @Override
    public String key() {
        return orderId.toString();
    }
}
