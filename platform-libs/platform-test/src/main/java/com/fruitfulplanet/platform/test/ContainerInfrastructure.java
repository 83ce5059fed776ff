package com.fruitfulplanet.platform.test;

import com.fruitfulplanet.platform.infra.PostgresEndpoint;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The three servers as Docker containers through Testcontainers, for machines with a Docker engine (GitHub
 * runners). Only loaded once Testcontainers is known to be on the classpath. Ryuk removes the containers should
 * the JVM die before {@link #close()}.
 *
 * <p>The images match the embedded servers: PostgreSQL 18, Kafka 4.1.2 (KRaft, topics never auto-created), Redis 7.
 */
final class ContainerInfrastructure implements RunningInfrastructure {

    private static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:18-alpine");
    private static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.2");
    private static final DockerImageName REDIS_IMAGE = DockerImageName.parse("redis:7-alpine");
    private static final int REDIS_PORT = 6379;

    private final PostgreSQLContainer postgres;
    private final KafkaContainer kafka;
    private final GenericContainer<?> redis;

    private ContainerInfrastructure(PostgreSQLContainer postgres, KafkaContainer kafka, GenericContainer<?> redis) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.redis = redis;
    }

    static boolean dockerAvailable() {
        return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
    }

    static ContainerInfrastructure start() {
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withDatabaseName("postgres")
                .withUsername("postgres")
                .withPassword(RealInfrastructure.randomPassword());
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
        GenericContainer<?> redis = new GenericContainer<>(REDIS_IMAGE).withExposedPorts(REDIS_PORT);
        try {
            Startables.deepStart(postgres, kafka, redis).join();
        } catch (RuntimeException e) {
            postgres.stop();
            kafka.stop();
            redis.stop();
            throw new IllegalStateException("Could not start the PostgreSQL, Kafka and Redis containers: "
                    + e.getMessage(), e);
        }
        return new ContainerInfrastructure(postgres, kafka, redis);
    }

    @Override
    public PostgresEndpoint postgres() {
        return new PostgresEndpoint(postgres.getHost(), postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                postgres.getDatabaseName(), postgres.getUsername(), postgres.getPassword());
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String redisHost() {
        return redis.getHost();
    }

    @Override
    public int redisPort() {
        return redis.getMappedPort(REDIS_PORT);
    }

    @Override
    public void close() {
        redis.stop();
        kafka.stop();
        postgres.stop();
    }

    @Override
    public String toString() {
        return "containers " + POSTGRES_IMAGE + ", " + KAFKA_IMAGE + ", " + REDIS_IMAGE;
    }
}
