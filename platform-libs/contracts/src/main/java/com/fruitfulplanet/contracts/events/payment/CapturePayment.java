package com.fruitfulplanet.contracts.events.payment;

import com.fruitfulplanet.contracts.events.DomainEvent;
import java.util.Objects;
import java.util.UUID;

/**
 * A saga command from order-service to payment-service: take the money authorized for the order (the order is
 * confirmed). Answered by {@link PaymentCaptured}; idempotent per order. Keyed by order id.
 */
public record CapturePayment(UUID orderId) implements DomainEvent {

    public CapturePayment {
        Objects.requireNonNull(orderId, "orderId");
    }

    @Override
    public String key() {
        return orderId.toString();
    }
}
