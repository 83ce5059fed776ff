package com.fruitfulplanet.platform.events.testapp;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fruitfulplanet.contracts.events.EventMetadata;
import com.fruitfulplanet.contracts.events.order.OrderStatusChanged;
import com.fruitfulplanet.platform.events.outbox.Outbox;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** The producer's write path: an order's status changes, and the event says so, in one transaction. */
@Component
public class TestOrders {

    public static final UUID CUSTOMER = UUID.fromString("00000000-0000-0000-0000-0000000000c1");

    private final DatabaseClient db;
    private final Outbox outbox;
    private final TransactionalOperator transactions;

    public TestOrders(DatabaseClient db, Outbox outbox, ReactiveTransactionManager transactionManager) {
        this.db = db;
        this.outbox = outbox;
        this.transactions = TransactionalOperator.create(transactionManager);
    }

    /** The state change and its event, committed together. */
    public Mono<EventMetadata> changeStatus(UUID orderId, String status) {
        return transactions.transactional(saveStatus(orderId, status)
                .then(outbox.append(new OrderStatusChanged(orderId, CUSTOMER, "PENDING", status, Instant.now()))));
    }

    /** Many orders' events in one transaction, appended together (no state change: the events are the point). */
    public Mono<List<EventMetadata>> changeStatuses(List<UUID> orderIds, String status) {
        return transactions.transactional(outbox.appendAll(orderIds.stream()
                .map(orderId -> new OrderStatusChanged(orderId, CUSTOMER, "PENDING", status, Instant.now()))
                .toList()));
    }

    /** The same state change without an event: the baseline the outbox's cost is measured against. */
    public Mono<Void> changeStatusWithoutEvent(UUID orderId, String status) {
        return transactions.transactional(saveStatus(orderId, status));
    }

    /** Writes the change and appends the event, then fails: the transaction rolls back. */
    public Mono<EventMetadata> changeStatusThenFail(UUID orderId, String status) {
        return transactions.transactional(saveStatus(orderId, status)
                .then(outbox.append(new OrderStatusChanged(orderId, CUSTOMER, "PENDING", status, Instant.now())))
                .then(Mono.error(new IllegalStateException("business rule violated after the append"))));
    }

    private Mono<Void> saveStatus(UUID orderId, String status) {
        return db.sql("""
                        INSERT INTO test_order (id, status) VALUES (:id, :status)
                        ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status
                        """)
                .bind("id", orderId)
                .bind("status", status)
                .then();
    }
}
