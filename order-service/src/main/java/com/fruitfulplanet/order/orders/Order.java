package com.fruitfulplanet.order.orders;

import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An order as stored: what was bought, where the saga is, what is known of its stock and payment. */
public record Order(UUID id, String number, UUID userId, OrderStatus status, @Nullable CancelReason cancelReason,
                    SagaStep step, @Nullable Instant stepDeadline, StockStatus stock, PaymentStatus payment,
                    @Nullable UUID paymentId, @Nullable String paymentProvider, @Nullable String cardToken,
                    Money total, List<OrderLine> lines, Instant createdAt, long version) {

    public Order {
        lines = List.copyOf(lines);
    }

    /** A change to this order, empty until something is set. */
    public Transition change() {
        return new Transition(this);
    }
}
