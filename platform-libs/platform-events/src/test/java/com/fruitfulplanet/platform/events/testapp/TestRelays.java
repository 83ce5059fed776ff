package com.fruitfulplanet.platform.events.testapp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fruitfulplanet.platform.events.EventsKafkaProducer;
import com.fruitfulplanet.platform.events.EventsProperties;
import com.fruitfulplanet.platform.events.outbox.OutboxMetrics;
import com.fruitfulplanet.platform.events.outbox.OutboxRelay;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;

/**
 * Relays the tests start and stop themselves (the application's own relay is off in tests), built exactly as the
 * auto-configuration builds one: to run two at once, or kill one mid-pass.
 */
@Component
public class TestRelays {

    private final ConnectionFactory connections;
    private final ReactiveTransactionManager transactions;
    private final EventsKafkaProducer producer;
    private final EventsProperties properties;
    private final OutboxMetrics metrics;
    private final List<OutboxRelay> running = new CopyOnWriteArrayList<>();

    public TestRelays(ConnectionFactory connections, ReactiveTransactionManager transactions,
                      EventsKafkaProducer producer, EventsProperties properties, OutboxMetrics metrics) {
        this.connections = connections;
        this.transactions = transactions;
        this.producer = producer;
        this.properties = properties;
        this.metrics = metrics;
    }

    public OutboxRelay start() {
        OutboxRelay relay = new OutboxRelay(DatabaseClient.create(connections), connections, transactions,
                producer.template(), properties.outbox(), metrics);
        relay.start();
        running.add(relay);
        return relay;
    }

    public void stop(OutboxRelay relay) {
        relay.stop();
        running.remove(relay);
    }

    public void stopAll() {
        running.forEach(OutboxRelay::stop);
        running.clear();
    }
}
