package com.fruitfulplanet.contracts.events;

import java.time.Duration;
import java.util.Objects;

/**
 * A Kafka topic as the platform declares it. Topics are created explicitly from these definitions (devstack,
 * tests, Helm), never by broker auto-creation.
 *
 * @param name       the topic name, {@code <producing domain>.<aggregate>.v<major>}
 * @param partitions how many partitions; events are keyed by aggregate id, so this bounds consumer parallelism
 * @param retention  how long records are kept
 */
public record TopicDefinition(String name, int partitions, Duration retention) {

    public TopicDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(retention, "retention");
        if (!name.matches("[a-z0-9]+(\\.[a-z0-9]+)*\\.v[0-9]+(\\.DLT)?")) {
            throw new IllegalArgumentException("Topic name must look like <domain>.<aggregate>.v<n>: " + name);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("A topic needs at least one partition: " + name);
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("Retention must be positive: " + name);
        }
    }

    /** The dead-letter topic beside this one, where records go after their last failed delivery attempt. */
    public TopicDefinition deadLetter() {
        return new TopicDefinition(name + ".DLT", partitions, Duration.ofDays(30));
    }
}
