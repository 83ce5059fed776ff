package com.fruitfulplanet.platform.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fruitfulplanet.contracts.events.order.OrderStatusChanged;
import com.fruitfulplanet.platform.events.inbox.EventConsumer;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * A producer and a consumer in one service: {@link TestOrders} changes an order's status and appends
 * {@code OrderStatusChanged}; the {@code effects} consumer records each event it applies in {@code effect}.
 */
@SpringBootApplication(scanBasePackages = "com.fruitfulplanet.platform.events.testapp")
public class EventsTestApplication {

    /** A status the consumer refuses, to make a poison message. */
    public static final String POISON = "POISON";

    @Bean
    DatabaseClient databaseClient(ConnectionFactory connections) {
        return DatabaseClient.create(connections);
    }

    @Bean
    EventConsumer effects(DatabaseClient db) {
        return EventConsumer.named("effects")
                .on(OrderStatusChanged.class, (event, metadata) -> {
                    if (POISON.equals(event.status())) {
                        return Mono.error(new IllegalStateException("status " + POISON + " is refused on purpose"));
                    }
                    long latency = ChronoUnit.MICROS.between(metadata.time().toInstant(), Instant.now());
                    return db.sql("""
                                    INSERT INTO effect (event_id, order_id, status, latency_micros)
                                    VALUES (:eventId, :orderId, :status, :latency)
                                    """)
                            .bind("eventId", metadata.id())
                            .bind("orderId", event.orderId())
                            .bind("status", event.status())
                            .bind("latency", Math.max(0, latency))
                            .then();
                })
                .build();
    }

}
