package com.fruitfulplanet.payment.ledger;

import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code payment}: the one payment of an order. */
public record Payment(UUID id, UUID orderId, UUID userId, PaymentStatus status, Money amount, String provider,
                      String cardToken, Instant createdAt, Instant updatedAt) {
}
