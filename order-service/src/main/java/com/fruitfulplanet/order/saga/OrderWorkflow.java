package com.fruitfulplanet.order.saga;

import com.fruitfulplanet.order.orders.Order;
import com.fruitfulplanet.order.orders.Orders;
import com.fruitfulplanet.order.orders.Transition;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Runs one step of an order's life: lock the order, decide (an {@link OrderSaga} method or a person's action), write
 * the transition with its messages, count it. Saga messages arrive in the consumer's inbox transaction, so the
 * order's change, the commands it sends and the "seen" mark of the message commit together.
 */
@Component
public class OrderWorkflow {

    private static final Logger log = LoggerFactory.getLogger(OrderWorkflow.class);

    private final Orders orders;
    private final OrderMetrics metrics;
    private final TransactionalOperator transactions;

    OrderWorkflow(Orders orders, OrderMetrics metrics, TransactionalOperator transactions) {
        this.orders = orders;
        this.metrics = metrics;
        this.transactions = transactions;
    }

    /**
     * In the caller's transaction (a saga message). A message about an order this service does not have is
     * logged and dropped: retrying cannot make the order appear.
     */
    public Mono<Order> step(UUID orderId, Function<Order, Transition> decide) {
        return orders.lock(orderId)
                .flatMap(order -> apply(decide.apply(order)))
                .switchIfEmpty(Mono.fromRunnable(() -> log.warn("Saga message for unknown order {} ignored",
                        orderId)));
    }

    /** In a transaction of its own (a person's action); empty if there is no such order. */
    public Mono<Order> stepInTransaction(UUID orderId, Function<Order, Transition> decide) {
        return orders.lock(orderId)
                .flatMap(order -> apply(decide.apply(order)))
                .as(transactions::transactional);
    }

    /** In a transaction of its own, skipping an order another transaction holds right now. */
    public Mono<Order> stepIfFree(UUID orderId, Function<Order, Transition> decide) {
        return orders.lockIfFree(orderId)
                .flatMap(order -> apply(decide.apply(order)))
                .as(transactions::transactional);
    }

    private Mono<Order> apply(Transition change) {
        return orders.apply(change).flatMap(order -> metrics.changed(change, order).thenReturn(order));
    }
}
