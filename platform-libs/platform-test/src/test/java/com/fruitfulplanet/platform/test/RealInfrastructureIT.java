package com.fruitfulplanet.platform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fruitfulplanet.contracts.events.TopicDefinition;
import com.fruitfulplanet.contracts.events.Topics;
import com.fruitfulplanet.contracts.platform.PlatformService;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

class RealInfrastructureIT {

    @Test
    void isOnePerJvm() {
        assertThat(RealInfrastructure.get()).isSameAs(RealInfrastructure.get());
    }

    @Test
    void provisionedCredentialsLogIntoTheServicesOwnSchema() throws Exception {
        ServiceDatabase database = RealInfrastructure.get().provision(PlatformService.SYNC_1C);

        assertThat(database.database()).isEqualTo("fruitfulplanet");
        assertThat(database.username()).isEqualTo("sync1c");
        assertThat(database.password()).hasSizeGreaterThanOrEqualTo(20);
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS exchange (id int)");
            try (ResultSet result = statement.executeQuery("SELECT current_user || ' ' || current_schema()")) {
                result.next();
                assertThat(result.getString(1)).isEqualTo("sync1c sync1c");
            }
        }
        assertThat(RealInfrastructure.get().provision(PlatformService.SYNC_1C)).isEqualTo(database);
    }

    @Test
    void theGatewayHasNoDatabase() {
        assertThatThrownBy(() -> RealInfrastructure.get().provision(PlatformService.GATEWAY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyPlatformTopicExistsWithItsDeclaredPartitions() throws Exception {
        List<String> names = Topics.all().stream().map(TopicDefinition::name).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructure.get().kafkaBootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames()
                    .get(15, TimeUnit.SECONDS);
            for (TopicDefinition topic : Topics.all()) {
                assertThat(topics.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.partitions());
            }
        }
    }

    @Test
    void redisAnswers() {
        RealInfrastructure infrastructure = RealInfrastructure.get();
        RedisClient client = RedisClient.create(RedisURI.create(infrastructure.redisHost(), infrastructure.redisPort()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
