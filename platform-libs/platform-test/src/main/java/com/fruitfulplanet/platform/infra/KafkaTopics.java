package com.fruitfulplanet.platform.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fruitfulplanet.contracts.events.TopicDefinition;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the platform's topics from their {@link TopicDefinition}s, since brokers never auto-create them.
 * Idempotent: a topic that exists keeps its records, gets the declared retention, and gains partitions when the
 * definition declares more than it has (it never loses any: Kafka cannot shrink a topic).
 */
public final class KafkaTopics {

    private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);

    /** Replication factor of every topic: the embedded broker and the test container are single nodes. */
    private static final short REPLICATION_FACTOR = 1;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private KafkaTopics() {
    }

    /** {@link #create(String, Collection, Duration)} with a 30-second bound. */
    public static void create(String bootstrapServers, Collection<TopicDefinition> topics) {
        create(bootstrapServers, topics, DEFAULT_TIMEOUT);
    }

    /**
     * Creates the topics that are missing and brings existing ones up to their definitions.
     *
     * @param timeout bound on each admin round trip; a broker that does not answer fails the call after it
     * @throws IllegalStateException naming the broker and topics when that fails
     */
    public static void create(String bootstrapServers, Collection<TopicDefinition> topics, Duration timeout) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "fruitfulplanet-topics");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 15_000));
        List<String> names = topics.stream().map(TopicDefinition::name).toList();
        // Admin.close() without a bound would wait forever for a broker that never answered.
        Admin admin = Admin.create(config);
        try {
            List<TopicDefinition> existing = createMissing(admin, topics, timeout);
            if (!existing.isEmpty()) {
                alignExisting(admin, existing, timeout);
            }
        } catch (ExecutionException e) {
            throw failure(bootstrapServers, names, e.getCause());
        } catch (TimeoutException e) {
            throw failure(bootstrapServers, names, new TimeoutException("no answer within " + timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(bootstrapServers, names, e);
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
        log.info("Kafka topics ready on {}: {}", bootstrapServers, names);
    }

    /** Creates what is missing; returns the definitions whose topic existed already. */
    private static List<TopicDefinition> createMissing(Admin admin, Collection<TopicDefinition> topics,
                                                       Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<NewTopic> newTopics = topics.stream()
                .map(topic -> new NewTopic(topic.name(), topic.partitions(), REPLICATION_FACTOR)
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG,
                                Long.toString(topic.retention().toMillis()))))
                .toList();
        Map<String, KafkaFuture<Void>> results = admin.createTopics(newTopics).values();
        List<TopicDefinition> existing = new ArrayList<>();
        for (TopicDefinition topic : topics) {
            try {
                results.get(topic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                log.debug("Created topic {} with {} partitions", topic.name(), topic.partitions());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                existing.add(topic);
            }
        }
        return existing;
    }

    private static void alignExisting(Admin admin, List<TopicDefinition> existing, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicDescription> descriptions = admin
                .describeTopics(existing.stream().map(TopicDefinition::name).toList())
                .allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, NewPartitions> morePartitions = new HashMap<>();
        Map<ConfigResource, Collection<AlterConfigOp>> retention = new HashMap<>();
        for (TopicDefinition topic : existing) {
            int actual = descriptions.get(topic.name()).partitions().size();
            if (actual < topic.partitions()) {
                log.info("Topic {} has {} partitions, {} declared: adding {}", topic.name(), actual,
                        topic.partitions(), topic.partitions() - actual);
                morePartitions.put(topic.name(), NewPartitions.increaseTo(topic.partitions()));
            } else if (actual > topic.partitions()) {
                log.warn("Topic {} has {} partitions, more than the {} declared; Kafka cannot remove partitions",
                        topic.name(), actual, topic.partitions());
            }
            retention.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis())),
                    AlterConfigOp.OpType.SET)));
        }
        if (!morePartitions.isEmpty()) {
            admin.createPartitions(morePartitions).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        admin.incrementalAlterConfigs(retention).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static IllegalStateException failure(String bootstrapServers, List<String> names, Throwable cause) {
        String reason = Optional.ofNullable(cause).map(Throwable::getMessage).orElse("unknown");
        return new IllegalStateException("Could not create Kafka topics " + names + " on " + bootstrapServers + ": "
                + reason, cause);
    }
}
