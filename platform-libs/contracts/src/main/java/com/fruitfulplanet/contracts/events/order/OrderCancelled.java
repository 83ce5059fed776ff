package com.fruitfulplanet.contracts.events.order;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fruitfulplanet.contracts.events.DomainEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Published by order-service when an order is cancelled, by the saga or by the customer; keyed by order id. */
public record OrderCancelled(UUID orderId, UUID customerId, CancellationReason reason, Instant cancelledAt)
        implements DomainEvent {

    public OrderCancelled {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(cancelledAt, "cancelledAt");
    }

    @Override
    public String key() {
        return orderId.toString();
    }

    /** Why the order was cancelled; {@link #UNKNOWN} stands for a reason added after this consumer was built. */
    public enum CancellationReason {
        OUT_OF_STOCK,
        PAYMENT_DECLINED,
        TIMEOUT,
        /** Not produced any more: the customer's cancellation is {@link #CANCELLED_BY_USER}, API.md's name for it. */
        CUSTOMER_REQUEST,
        /** The customer cancelled the order. */
        CANCELLED_BY_USER,
        /** A manager or an admin cancelled the order. */
        CANCELLED_BY_STAFF,
        @JsonEnumDefaultValue
        UNKNOWN
    }
}
