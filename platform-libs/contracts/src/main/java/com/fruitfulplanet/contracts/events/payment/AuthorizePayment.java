package com.fruitfulplanet.contracts.events.payment;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.money.Money;
import java.util.Objects;
import java.util.UUID;

/**
 * A saga command from order-service to payment-service: hold {@code amount} on the customer's card for the order.
 * Answered by {@link PaymentAuthorized} or {@link PaymentFailed}; a provider that does not answer in time leaves the
 * payment pending until reconciliation settles it, and the answer follows then. Repeating it for the same order has
 * no second effect (one payment per order; the provider gets an idempotency key derived from the order), and an
 * order already voided makes it a no-op. Keyed by order id.
 *
 * @param cardToken the provider's token for the card (never a card number); {@code provider} null means the default
 */
public record AuthorizePayment(UUID orderId, UUID customerId, Money amount, String provider, String cardToken)
        implements DomainEvent {

    public AuthorizePayment {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(cardToken, "cardToken");
    }

    @Override
    public String key() {
        return orderId.toString();
    }
}
