package com.fruitfulplanet.platform.events.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What an SRE watches on consumers: records by outcome ({@code handled}, {@code duplicate} — a redelivery the inbox
 * stopped, {@code ignored} — an event type this consumer does not handle), retries and dead-lettered records.
 * Consumer lag comes from the Kafka client's own metrics ({@code kafka.consumer.fetch.manager.records.lag*}).
 */
final class ConsumerMetrics {

    private final MeterRegistry registry;

    ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void consumed(String consumer, String type, InboxDispatcher.Outcome outcome) {
        Counter.builder("events.consumer.records")
                .description("Event records a consumer finished with, by outcome")
                .tag("consumer", consumer)
                .tag("type", type)
                .tag("outcome", outcome.tag())
                .register(registry)
                .increment();
    }

    void retried(String consumer, String topic) {
        Counter.builder("events.consumer.retries")
                .description("Failed deliveries of an event record to a consumer that will be retried")
                .tag("consumer", consumer)
                .tag("topic", topic)
                .register(registry)
                .increment();
    }

    void deadLettered(String consumer, String topic) {
        Counter.builder("events.consumer.dead.lettered")
                .description("Event records published to <topic>.DLT after the last failed attempt")
                .tag("consumer", consumer)
                .tag("topic", topic)
                .register(registry)
                .increment();
    }
}
