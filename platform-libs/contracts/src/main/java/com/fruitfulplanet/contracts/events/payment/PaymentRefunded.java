package com.fruitfulplanet.contracts.events.payment;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Published by payment-service when a captured payment is refunded, wholly or in part ({@code amount}: this refund);
 * keyed by order id. {@code refundedTotal} is everything refunded so far and {@code capturedAmount} what was captured
 * (both null only in events written before they were added), so a consumer sees whether the payment is now fully
 * refunded without counting events.
 */
public record PaymentRefunded(UUID paymentId, UUID orderId, Money amount, Instant refundedAt, Money refundedTotal,
                              Money capturedAmount) implements DomainEvent {

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
