package com.fruitfulplanet.platform.test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.fruitfulplanet.platform.infra.EmbeddedKafkaBroker;
import com.fruitfulplanet.platform.infra.EmbeddedPostgresServer;
import com.fruitfulplanet.platform.infra.EmbeddedRedisServer;
import com.fruitfulplanet.platform.infra.PostgresEndpoint;

/** The three servers run from binaries and classes on the classpath, with throwaway data, on free ports. */
final class EmbeddedInfrastructure implements RunningInfrastructure {

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaBroker kafka;
    private final EmbeddedRedisServer redis;

    private EmbeddedInfrastructure(EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka,
                                   EmbeddedRedisServer redis) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.redis = redis;
    }

    /** Starts the servers side by side (Postgres is mostly waiting on initdb, Kafka on its own threads). */
    static EmbeddedInfrastructure start() {
        ExecutorService starters = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "embedded-infrastructure-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletableFuture<EmbeddedPostgresServer> postgres =
                    starting(() -> EmbeddedPostgresServer.start(null, 0), starters);
            CompletableFuture<EmbeddedKafkaBroker> kafka =
                    starting(() -> EmbeddedKafkaBroker.start(null, 0, 0), starters);
            CompletableFuture<EmbeddedRedisServer> redis =
                    starting(() -> EmbeddedRedisServer.start(null, 0), starters);
            try {
                CompletableFuture.allOf(postgres, kafka, redis).join();
            } catch (CompletionException e) {
                // Do not leave the servers that did come up running.
                for (CompletableFuture<? extends AutoCloseable> server : List.of(postgres, kafka, redis)) {
                    server.thenAccept(EmbeddedInfrastructure::closeQuietly);
                }
                throw new IllegalStateException("Could not start embedded PostgreSQL, Kafka and Redis: "
                        + e.getCause().getMessage(), e.getCause());
            }
            return new EmbeddedInfrastructure(postgres.join(), kafka.join(), redis.join());
        } finally {
            starters.shutdown();
        }
    }

    @Override
    public PostgresEndpoint postgres() {
        return postgres.superuser();
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String redisHost() {
        return redis.host();
    }

    @Override
    public int redisPort() {
        return redis.port();
    }

    @Override
    public void close() {
        redis.close();
        kafka.close();
        postgres.close();
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL on port " + postgres.port() + ", Kafka on " + kafka.bootstrapServers()
                + ", Redis on port " + redis.port();
    }

    private static <T> CompletableFuture<T> starting(Supplier<T> start, ExecutorService executor) {
        return CompletableFuture.supplyAsync(start, executor);
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception ignored) {
            // Already failing start-up; the original error is the one to report.
        }
    }
}
