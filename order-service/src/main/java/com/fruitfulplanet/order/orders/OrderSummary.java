package com.fruitfulplanet.order.orders;

import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One order in {@code GET /api/v1/orders}: enough for a list row; the details are one GET away. */
public record OrderSummary(UUID id, String number, UUID userId, OrderStatus status,
                           @Nullable CancelReason cancelReason, Money total, int itemCount, Instant createdAt) {
}
