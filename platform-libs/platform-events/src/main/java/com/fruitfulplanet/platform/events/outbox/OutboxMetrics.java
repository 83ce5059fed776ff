package com.fruitfulplanet.platform.events.outbox;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;

/**
 * What an SRE watches on the outbox. {@code events.outbox.pending} and {@code events.outbox.lag} (age of the
 * oldest unpublished row) are refreshed by the relay every metrics interval; a lag that grows means events are
 * committed but not reaching Kafka. One instance per application, shared by its relays.
 */
public final class OutboxMetrics {

    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong lagNanos = new AtomicLong();
    private final Counter failures;
    private final Counter cleaned;

    public OutboxMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("events.outbox.pending", pending, AtomicLong::get)
                .description("Outbox rows committed but not yet published to Kafka")
                .register(registry);
        TimeGauge.builder("events.outbox.lag", lagNanos, TimeUnit.NANOSECONDS, AtomicLong::get)
                .description("Age of the oldest unpublished outbox row")
                .register(registry);
        this.failures = Counter.builder("events.outbox.publish.failures")
                .description("Relay batches that failed (Kafka unavailable, timeout); their events are retried")
                .register(registry);
        this.cleaned = Counter.builder("events.outbox.cleaned")
                .description("Published outbox rows deleted after the retention period")
                .register(registry);
    }

    void published(String topic, int count) {
        Counter.builder("events.outbox.published")
                .description("Events published to Kafka by the relay")
                .tag("topic", topic)
                .register(registry)
                .increment(count);
    }

    void failed() {
        failures.increment();
    }

    void cleaned(long count) {
        cleaned.increment(count);
    }

    void backlog(OutboxStore.Backlog backlog) {
        pending.set(backlog.pending());
        lagNanos.set(backlog.oldest().toNanos());
    }
}
