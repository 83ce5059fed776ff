package com.fruitfulplanet.order.orders;

import static com.fruitfulplanet.order.orders.OrderStatus.CANCELLED;
import static com.fruitfulplanet.order.orders.OrderStatus.CONFIRMED;
import static com.fruitfulplanet.order.orders.OrderStatus.DELIVERED;
import static com.fruitfulplanet.order.orders.OrderStatus.PENDING;
import static com.fruitfulplanet.order.orders.OrderStatus.REFUNDED;
import static com.fruitfulplanet.order.orders.OrderStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderStatusTest {

    @Test
    void theMovesAreExactlyTheDocumentedOnes() {
        assertThat(PENDING.next()).containsExactlyInAnyOrder(CONFIRMED, CANCELLED);
        assertThat(CONFIRMED.next()).containsExactlyInAnyOrder(SHIPPED, CANCELLED, REFUNDED);
        assertThat(SHIPPED.next()).containsExactlyInAnyOrder(DELIVERED, REFUNDED);
        assertThat(DELIVERED.next()).containsExactly(REFUNDED);
        assertThat(CANCELLED.next()).containsExactly(REFUNDED);
        assertThat(REFUNDED.next()).isEmpty();
    }

    @Test
    void onlyPendingAndConfirmedOrdersCanBeCancelled() {
        assertThat(List.of(OrderStatus.values())).filteredOn(OrderStatus::cancellable)
                .containsExactly(PENDING, CONFIRMED);
    }

    @Test
    void aTransitionRefusesAMoveTheStateMachineDoesNotHave() {
        Order delivered = new Order(UUID.randomUUID(), "FP-00000001", UUID.randomUUID(), DELIVERED, null,
                SagaStep.DONE, null, StockStatus.COMMITTED, PaymentStatus.CAPTURED, null, null, null,
                Money.of("1.00", "RUB"), List.of(), Instant.now(), 3);

        assertThatThrownBy(() -> delivered.change().status(PENDING)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot go from DELIVERED to PENDING");
        assertThat(delivered.change().status(DELIVERED).changesStatus()).isFalse();
        assertThat(delivered.change().isEmpty()).isTrue();
    }
}
