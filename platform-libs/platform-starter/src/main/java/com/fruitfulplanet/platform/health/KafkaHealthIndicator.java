package com.fruitfulplanet.platform.health;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * Kafka's part of readiness: the broker cluster answers a metadata request in time. One long-lived admin client is
 * reused, so a probe every few seconds costs a single request, not a new connection.
 */
public class KafkaHealthIndicator implements ReactiveHealthIndicator, DisposableBean {

    private final AdminClient admin;
    private final Duration timeout;

    public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
        Map<String, Object> config = new java.util.HashMap<>(adminConfig);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, config.getOrDefault(AdminClientConfig.CLIENT_ID_CONFIG,
                "health") + "-readiness");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.admin = AdminClient.create(config);
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        DescribeClusterResult cluster = admin.describeCluster(
                new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
        return Mono.fromCompletionStage(cluster.clusterId().toCompletionStage())
                .zipWith(Mono.fromCompletionStage(cluster.nodes().toCompletionStage()))
                .map(idAndNodes -> Health.up()
                        .withDetail("clusterId", idAndNodes.getT1())
                        .withDetail("brokers", idAndNodes.getT2().size())
                        .build())
                .timeout(timeout.plusSeconds(1))
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", e.getClass().getSimpleName()).build()));
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
