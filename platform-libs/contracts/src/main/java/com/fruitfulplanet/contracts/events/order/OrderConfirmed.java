package com.fruitfulplanet.contracts.events.order;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Published by order-service when stock is reserved and payment authorized (the saga succeeded); keyed by order id. */
public record OrderConfirmed(UUID orderId, UUID customerId, Money total, Instant confirmedAt) implements DomainEvent {

    public OrderConfirmed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
    }

    @Override
    public String key() {
        return orderId.toString();
    }
}
