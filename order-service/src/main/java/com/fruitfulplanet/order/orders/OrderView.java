package com.fruitfulplanet.order.orders;

import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** {@code GET /api/v1/orders/{id}} (and the answer to placing, cancelling and moving an order). */
public record OrderView(UUID id, String number, UUID userId, OrderStatus status, @Nullable CancelReason cancelReason,
                        List<Item> items, Money total, Payment payment, ShippingAddress shippingAddress,
                        List<HistoryEntry> history, Instant createdAt) {

    public record Item(UUID productId, String sku, String name, int quantity, Money unitPrice, Money lineTotal) {
    }

    /** What the order knows of its payment; {@code NONE} until payment-service has answered. */
    public record Payment(PaymentStatus status) {
    }

    static OrderView of(Order order, ShippingAddress address, List<HistoryEntry> history) {
        return new OrderView(order.id(), order.number(), order.userId(), order.status(), order.cancelReason(),
                order.lines().stream()
                        .map(line -> new Item(line.productId(), line.sku(), line.name(), line.quantity(),
                                line.unitPrice(), line.lineTotal()))
                        .toList(),
                order.total(), new Payment(order.payment()), address, history, order.createdAt());
    }
}
