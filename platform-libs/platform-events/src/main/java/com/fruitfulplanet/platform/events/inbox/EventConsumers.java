package com.fruitfulplanet.platform.events.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fruitfulplanet.contracts.events.EventDecodingException;
import com.fruitfulplanet.contracts.events.TopicDefinition;
import com.fruitfulplanet.platform.events.EventsProperties;
import com.fruitfulplanet.platform.events.schema.ChunkedDelete;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs every {@link EventConsumer} of the service: one Kafka listener container each, group
 * {@code <application>.<consumer>}, reading from the earliest offset when the group is new, committing offsets only
 * after the record's effect committed.
 *
 * <p>A record that fails is retried on the same partition with exponential backoff; after the last attempt it is
 * published to {@code <topic>.DLT} with the exception in the {@code kafka_dlt-exception-*} headers and the
 * original topic, partition and offset, and the partition moves on. A record that cannot be decoded at all goes to
 * the DLT at once: retrying cannot fix it. If the DLT cannot be written either (Kafka down), the record is not
 * committed and is delivered again: nothing is acknowledged and forgotten.
 */
public final class EventConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventConsumers.class);
    private static final Duration INBOX_CLEANUP_INTERVAL = Duration.ofHours(1);

    private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers = new ArrayList<>();
    private final InboxStore inbox;
    private final EventsProperties.Consumer settings;
    private volatile Disposable cleanup;
    private volatile boolean running;

    public EventConsumers(List<EventConsumer> consumers, DatabaseClient db,
                          ReactiveTransactionManager transactionManager, Map<String, Object> kafkaConsumerProperties,
                          KafkaTemplate<String, byte[]> deadLetters, EventsProperties.Consumer settings,
                          String applicationName, MeterRegistry meters, ApplicationContext context) {
        this.inbox = new InboxStore(db);
        this.settings = settings;
        requireUniqueNames(consumers);
        TransactionalOperator transactions = TransactionalOperator.create(transactionManager);
        ConsumerMetrics metrics = new ConsumerMetrics(meters);
        for (EventConsumer consumer : consumers) {
            String group = applicationName + "." + consumer.name();
            DefaultKafkaConsumerFactory<String, byte[]> factory = new DefaultKafkaConsumerFactory<>(
                    consumerProperties(kafkaConsumerProperties, group), new StringDeserializer(),
                    new ByteArrayDeserializer());
            factory.addListener(new MicrometerConsumerListener<>(meters, List.of()));
            ContainerProperties properties = new ContainerProperties(
                    consumer.topics().stream().map(TopicDefinition::name).toArray(String[]::new));
            properties.setGroupId(group);
            properties.setMessageListener(new InboxDispatcher(consumer, inbox, transactions,
                    settings.handlerTimeout(), metrics));
            // Continues the producer's trace from the record's traceparent header.
            properties.setObservationEnabled(true);
            ConcurrentMessageListenerContainer<String, byte[]> container =
                    new ConcurrentMessageListenerContainer<>(factory, properties);
            container.setConcurrency(settings.concurrency());
            container.setCommonErrorHandler(errorHandler(consumer.name(), deadLetters, metrics));
            container.setBeanName("events-" + consumer.name());
            container.setApplicationContext(context);
            containers.add(container);
        }
    }

    private static Map<String, Object> consumerProperties(Map<String, Object> base, String group) {
        Map<String, Object> properties = new HashMap<>(base);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // Each record may wait for a database transaction; keep a poll's work well inside max.poll.interval.ms.
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        // A replica that dies without leaving the group holds its partitions until its session times out (Kafka's
        // default 45 s); sagas wait on these consumers with deadlines of tens of seconds, so a crashed replica's
        // partitions must move sooner. Settable through spring.kafka.consumer.properties.
        properties.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        properties.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        return properties;
    }

    private DefaultErrorHandler errorHandler(String consumer, KafkaTemplate<String, byte[]> deadLetters,
                                             ConsumerMetrics metrics) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters,
                // Partition -1: let the key choose, so the DLT need not mirror the topic's partition count.
                (record, exception) -> new TopicPartition(record.topic() + ".DLT", -1));
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(settings.maxAttempts() - 1);
        backOff.setInitialInterval(settings.retryInitialInterval().toMillis());
        backOff.setMultiplier(settings.retryMultiplier());
        backOff.setMaxInterval(settings.retryMaxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(EventDecodingException.class);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int attempt) {
                // Called for every failed attempt, the last one and undecodable records included; only the ones
                // that will be tried again are retries.
                if (attempt < settings.maxAttempts() && !causedBy(failure, EventDecodingException.class)) {
                    metrics.retried(consumer, record.topic());
                }
                log.warn("Consumer {} failed on {}-{}@{} (attempt {}): {}", consumer, record.topic(),
                        record.partition(), record.offset(), attempt, rootMessage(failure));
            }

            @Override
            public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
                metrics.deadLettered(consumer, record.topic());
                log.error("Consumer {} gave up on {}-{}@{}; published to {}.DLT: {}", consumer, record.topic(),
                        record.partition(), record.offset(), record.topic(), rootMessage(failure));
            }
        });
        return handler;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static void requireUniqueNames(List<EventConsumer> consumers) {
        Set<String> names = new HashSet<>();
        for (EventConsumer consumer : consumers) {
            if (!names.add(consumer.name())) {
                throw new IllegalStateException("Two event consumers are named " + consumer.name()
                        + "; the name is the consumer group and the inbox key, so it must be unique");
            }
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        containers.forEach(ConcurrentMessageListenerContainer::start);
        if (!containers.isEmpty()) {
            cleanup = Flux.interval(INBOX_CLEANUP_INTERVAL, INBOX_CLEANUP_INTERVAL)
                    .onBackpressureDrop()
                    .concatMap(tick -> cleanUpInbox(), 1)
                    .subscribe();
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        if (cleanup != null) {
            cleanup.dispose();
        }
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private Mono<Long> cleanUpInbox() {
        return ChunkedDelete.untilDone(limit -> inbox.deleteOlderThan(settings.inboxRetention(), limit))
                .onErrorResume(e -> {
                    log.warn("Inbox clean-up failed, will try again: {}", e.toString());
                    return Mono.empty();
                });
    }
}
