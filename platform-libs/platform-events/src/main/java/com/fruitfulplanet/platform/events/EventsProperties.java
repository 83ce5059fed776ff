package com.fruitfulplanet.platform.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the event backbone, under {@code fruitfulplanet.events}. The defaults are what every service runs with;
 * a service overrides them only with a reason.
 */
@ConfigurationProperties("fruitfulplanet.events")
public record EventsProperties(@DefaultValue Outbox outbox, @DefaultValue Consumer consumer) {

    /**
     * The outbox relay.
     *
     * @param relayEnabled         whether this instance relays its schema's outbox (several replicas may)
     * @param pollInterval         the fallback wake-up when no NOTIFY arrives (e.g. the listening connection is down)
     * @param batchWindow          pause after a drain before the next one, so that under a steady stream of commits a
     *                             pass publishes many events at once instead of one pass (six statements) per event;
     *                             it bounds the latency it adds
     * @param batchSize            most events published per relay transaction
     * @param sendTimeout          how long a batch may wait for Kafka's acknowledgements before it counts as failed
     * @param retryInitialInterval first pause after a failed batch; doubles per consecutive failure
     * @param retryMaxInterval     longest pause between failed batches
     * @param retention            how long published rows are kept (for inspection) before they are deleted
     * @param cleanupInterval      how often published rows past retention are deleted
     * @param metricsInterval      how often the backlog gauges (pending rows, oldest row's age) are refreshed
     */
    public record Outbox(@DefaultValue("true") boolean relayEnabled,
                         @DefaultValue("1s") Duration pollInterval,
                         @DefaultValue("5ms") Duration batchWindow,
                         @DefaultValue("500") int batchSize,
                         @DefaultValue("10s") Duration sendTimeout,
                         @DefaultValue("200ms") Duration retryInitialInterval,
                         @DefaultValue("10s") Duration retryMaxInterval,
                         @DefaultValue("3d") Duration retention,
                         @DefaultValue("10m") Duration cleanupInterval,
                         @DefaultValue("5s") Duration metricsInterval) {

        public Outbox {
            requirePositive("outbox.poll-interval", pollInterval);
            if (batchWindow == null || batchWindow.isNegative()) {
                throw new IllegalArgumentException("fruitfulplanet.events.outbox.batch-window must be zero or "
                        + "positive: " + batchWindow);
            }
            requirePositive("outbox.send-timeout", sendTimeout);
            requirePositive("outbox.retry-initial-interval", retryInitialInterval);
            requirePositive("outbox.retry-max-interval", retryMaxInterval);
            requirePositive("outbox.retention", retention);
            requirePositive("outbox.cleanup-interval", cleanupInterval);
            requirePositive("outbox.metrics-interval", metricsInterval);
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("fruitfulplanet.events.outbox.batch-size must be 1..10000: "
                        + batchSize);
            }
        }
    }

    /**
     * Event consumers.
     *
     * @param maxAttempts          deliveries of one record (first + retries) before it goes to {@code <topic>.DLT}
     * @param retryInitialInterval pause before the first retry
     * @param retryMultiplier      growth of the pause per retry
     * @param retryMaxInterval     longest pause between retries
     * @param handlerTimeout       longest a handler's effect may take before the attempt counts as failed
     * @param concurrency          consumer threads per consumer (bounded by the topics' partitions)
     * @param inboxRetention       how long processed event ids are remembered; must exceed the topics' retention,
     *                             or a record redelivered after that could have a second effect
     */
    public record Consumer(@DefaultValue("5") int maxAttempts,
                           @DefaultValue("200ms") Duration retryInitialInterval,
                           @DefaultValue("2.0") double retryMultiplier,
                           @DefaultValue("5s") Duration retryMaxInterval,
                           @DefaultValue("30s") Duration handlerTimeout,
                           @DefaultValue("1") int concurrency,
                           @DefaultValue("14d") Duration inboxRetention) {

        public Consumer {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("fruitfulplanet.events.consumer.max-attempts must be >= 1: "
                        + maxAttempts);
            }
            if (retryMultiplier < 1.0) {
                throw new IllegalArgumentException("fruitfulplanet.events.consumer.retry-multiplier must be >= 1: "
                        + retryMultiplier);
            }
            if (concurrency < 1) {
                throw new IllegalArgumentException("fruitfulplanet.events.consumer.concurrency must be >= 1: "
                        + concurrency);
            }
            requirePositive("consumer.retry-initial-interval", retryInitialInterval);
            requirePositive("consumer.retry-max-interval", retryMaxInterval);
            requirePositive("consumer.handler-timeout", handlerTimeout);
            requirePositive("consumer.inbox-retention", inboxRetention);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("fruitfulplanet.events." + name + " must be a positive duration: "
                    + value);
        }
    }
}
