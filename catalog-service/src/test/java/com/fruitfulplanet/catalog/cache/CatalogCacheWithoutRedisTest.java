package com.fruitfulplanet.catalog.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.catalog.product.ProductStatus;
import com.fruitfulplanet.catalog.product.ProductView;
import com.fruitfulplanet.contracts.money.Money;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cache is only an optimisation: with Redis unreachable (a real Lettuce client, a port where nothing listens)
 * every read is answered from the loader, in about the Redis timeout, and counted as an error.
 */
class CatalogCacheWithoutRedisTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private LettuceConnectionFactory connections;
    private CatalogCache cache;

    @BeforeEach
    void cacheWithRedisGone() throws IOException {
        int unusedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unusedPort = socket.getLocalPort();
        }
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", unusedPort));
        connections.afterPropertiesSet();
        connections.start();
        CacheProperties properties = new CacheProperties(true, Duration.ofSeconds(60), Duration.ofMinutes(10),
                Duration.ofSeconds(15), Duration.ofMinutes(2), Duration.ofMillis(250), Duration.ofSeconds(5));
        cache = new CatalogCache(new ReactiveStringRedisTemplate(connections), JsonMapper.builder().build(),
                properties, meters);
    }

    @AfterEach
    void close() {
        connections.destroy();
    }

    @Test
    void readsComeFromTheLoaderAndCountAsErrors() {
        ProductView product = product();
        for (int i = 0; i < 3; i++) {
            assertThat(cache.product(product.id(), () -> Mono.just(product)).block(Duration.ofSeconds(5)))
                    .isEqualTo(product);
        }
        assertThat(meters.counter("catalog.cache.requests", "cache", "product", "result", "error").count())
                .isEqualTo(3);
        assertThat(cache.product(UUID.randomUUID(), Mono::empty).blockOptional(Duration.ofSeconds(5))).isEmpty();
    }

    private static ProductView product() {
        Instant now = Instant.parse("2026-11-22T06:00:00Z");
        return new ProductView(UUID.randomUUID(), "SKU-1", "Груша", "", UUID.randomUUID(), UUID.randomUUID(),
                Money.of("10.00", "RUB"), Map.of(), 1, List.of(), Map.of(), ProductStatus.ACTIVE, null, 0, now, now);
    }
}
