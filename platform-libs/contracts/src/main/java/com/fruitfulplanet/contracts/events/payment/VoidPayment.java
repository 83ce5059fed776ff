package com.fruitfulplanet.contracts.events.payment;

import com.fruitfulplanet.contracts.events.DomainEvent;
import java.util.Objects;
import java.util.UUID;

/**
 * A saga compensation from order-service to payment-service: the order is cancelled before its money was taken, so
 * release whatever is held for it. An authorized payment is voided ({@link PaymentVoided}); a pending one is voided
 * as soon as reconciliation settles it; an order with no payment yet is remembered, so an {@link AuthorizePayment}
 * arriving later has no effect. Idempotent per order. Keyed by order id. {@code reason} is free text for people.
 */
public record VoidPayment(UUID orderId, String reason) implements DomainEvent {

    public VoidPayment {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String key() {
        return orderId.toString();
    }
}
