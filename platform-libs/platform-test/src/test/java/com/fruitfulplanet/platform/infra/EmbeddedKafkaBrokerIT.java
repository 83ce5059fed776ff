package com.fruitfulplanet.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fruitfulplanet.contracts.events.TopicDefinition;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    private static final TopicDefinition ORDERS = new TopicDefinition("it.order.v1", 3, Duration.ofDays(1));

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(null, 0, 0);
        KafkaTopics.create(broker.bootstrapServers(), List.of(ORDERS));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void aRecordProducedToADeclaredTopicIsConsumed() throws Exception {
        try (KafkaProducer<String, String> producer = KafkaClients.producer(broker.bootstrapServers(),
                Duration.ofSeconds(10))) {
            producer.send(new ProducerRecord<>(ORDERS.name(), "order-1", "placed")).get(15, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<String, String>> records = KafkaClients.consume(broker.bootstrapServers(), ORDERS.name(), 1);

        assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .contains(org.assertj.core.groups.Tuple.tuple("order-1", "placed"));
    }

    @Test
    void topicsGetTheDeclaredPartitionsAndRetentionAndGrowWhenTheDeclarationDoes() throws Exception {
        TopicDefinition payments = new TopicDefinition("it.payment.v1", 2, Duration.ofHours(5));
        KafkaTopics.create(broker.bootstrapServers(), List.of(payments));
        assertThat(partitions(payments.name())).isEqualTo(2);

        TopicDefinition morePartitionsLongerRetention = new TopicDefinition(payments.name(), 4, Duration.ofHours(6));
        KafkaTopics.create(broker.bootstrapServers(), List.of(morePartitionsLongerRetention));
        KafkaTopics.create(broker.bootstrapServers(), List.of(morePartitionsLongerRetention));

        assertThat(partitions(payments.name())).isEqualTo(4);
        assertThat(retentionMs(payments.name())).isEqualTo(Duration.ofHours(6).toMillis());
    }

    @Test
    void topicsAreNeverCreatedByProducing() throws Exception {
        Throwable failure;
        try (KafkaProducer<String, String> producer = KafkaClients.producer(broker.bootstrapServers(),
                Duration.ofMillis(1500))) {
            failure = catchThrowable(() -> producer.send(new ProducerRecord<>("it.undeclared.v1", "k", "v"))
                    .get(10, TimeUnit.SECONDS));
        }

        // The producer gives up once max.block.ms passed without the topic appearing in the metadata.
        assertThat(failure).isNotNull();
        assertThat(failure).satisfiesAnyOf(
                f -> assertThat(f).hasCauseInstanceOf(TimeoutException.class),
                f -> assertThat(f).hasRootCauseInstanceOf(UnknownTopicOrPartitionException.class));
        try (Admin admin = KafkaClients.admin(broker.bootstrapServers())) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain("it.undeclared.v1");
        }
    }

    @Test
    void brokerAndControllerListenOnLoopbackOnly() {
        assertThat(ListeningSockets.on(broker.port())).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.1");
        assertThat(ListeningSockets.on(broker.controllerPort())).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.1");
    }

    @Test
    void aRestartOnTheSameLogDirectoryKeepsTopicsAndRecords(@TempDir Path directory) throws Exception {
        Path logs = directory.resolve("kafka");
        TopicDefinition kept = new TopicDefinition("it.kept.v1", 2, Duration.ofDays(1));
        int port;
        int controllerPort;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(logs, 0, 0)) {
            port = first.port();
            controllerPort = first.controllerPort();
            KafkaTopics.create(first.bootstrapServers(), List.of(kept));
            try (KafkaProducer<String, String> producer = KafkaClients.producer(first.bootstrapServers(),
                    Duration.ofSeconds(10))) {
                producer.send(new ProducerRecord<>(kept.name(), "k", "survives")).get(15, TimeUnit.SECONDS);
            }
        }
        assertThat(ListeningSockets.on(port)).isEmpty();
        assertThat(ListeningSockets.on(controllerPort)).isEmpty();

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(logs, 0, 0)) {
            try (Admin admin = KafkaClients.admin(second.bootstrapServers())) {
                assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains(kept.name());
            }
            assertThat(KafkaClients.consume(second.bootstrapServers(), kept.name(), 1))
                    .extracting(ConsumerRecord::value).containsExactly("survives");
        }
    }

    @Test
    void topicCreationFailsClearlyWhenNoBrokerAnswers() {
        String nowhere = "127.0.0.1:" + FreePorts.pick();
        long started = System.nanoTime();

        assertThatThrownBy(() -> KafkaTopics.create(nowhere, List.of(ORDERS), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Could not create Kafka topics [it.order.v1] on " + nowhere);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    private static int partitions(String topic) throws Exception {
        try (Admin admin = KafkaClients.admin(broker.bootstrapServers())) {
            Map<String, TopicDescription> descriptions =
                    admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS);
            return descriptions.get(topic).partitions().size();
        }
    }

    private static long retentionMs(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = KafkaClients.admin(broker.bootstrapServers())) {
            return Long.parseLong(admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS)
                    .get(resource).get(TopicConfig.RETENTION_MS_CONFIG).value());
        }
    }
}
