package com.fruitfulplanet.order.orders;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One status an order had, since when, and why (a cancel reason, or a staff note). */
public record HistoryEntry(OrderStatus status, Instant at, @Nullable String reason) {
}
