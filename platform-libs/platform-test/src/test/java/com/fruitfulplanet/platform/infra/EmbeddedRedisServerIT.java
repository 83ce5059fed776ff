package com.fruitfulplanet.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRedisServerIT {

    @Test
    void answersOnLoopbackOnlyAndIsGoneAfterClose() {
        EmbeddedRedisServer server = EmbeddedRedisServer.start(null, 0);
        int port = server.port();
        long pid = server.pid();
        try {
            assertThat(server.host()).isEqualTo("127.0.0.1");
            assertThat(withRedis(server, redis -> redis.ping())).isEqualTo("PONG");
            assertThat(withRedis(server, redis -> redis.set("fruit", "apple"))).isEqualTo("OK");
            assertThat(withRedis(server, redis -> redis.get("fruit"))).isEqualTo("apple");
            assertThat(ListeningSockets.on(port)).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        } finally {
            server.close();
        }
        assertThat(ListeningSockets.on(port)).isEmpty();
        assertThat(EmbeddedPostgresServerIT.alive(pid)).as("redis-server %d still running", pid).isFalse();
    }

    @Test
    void withoutADataDirectoryNothingIsPersisted() {
        try (EmbeddedRedisServer server = EmbeddedRedisServer.start(null, 0)) {
            assertThat(withRedis(server, redis -> redis.configGet("save").get("save"))).isEmpty();
            assertThat(withRedis(server, redis -> redis.configGet("appendonly").get("appendonly"))).isEqualTo("no");
        }
    }

    @Test
    void aDataDirectoryKeepsDataAcrossRestarts(@TempDir Path directory) {
        Path data = directory.resolve("redis with space");
        try (EmbeddedRedisServer server = EmbeddedRedisServer.start(data, 0)) {
            withRedis(server, redis -> redis.set("basket", "three pears"));
        }
        try (EmbeddedRedisServer server = EmbeddedRedisServer.start(data, 0)) {
            assertThat(withRedis(server, redis -> redis.get("basket"))).isEqualTo("three pears");
        }
    }

    @Test
    void refusesAPortAnotherServerHolds() {
        try (EmbeddedRedisServer first = EmbeddedRedisServer.start(null, 0)) {
            assertThatThrownBy(() -> EmbeddedRedisServer.start(null, first.port()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + first.port() + " is already in use");
            assertThat(withRedis(first, redis -> redis.ping())).isEqualTo("PONG");
        }
    }

    @Test
    void aDataDirectoryServesOneServerAtATime(@TempDir Path directory) {
        try (EmbeddedRedisServer first = EmbeddedRedisServer.start(directory, 0)) {
            assertThatThrownBy(() -> EmbeddedRedisServer.start(directory, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another running server");
            assertThat(withRedis(first, redis -> redis.ping())).isEqualTo("PONG");
        }
    }

    static String withRedis(EmbeddedRedisServer server, Function<RedisCommands<String, String>, String> commands) {
        return withRedis(server.host(), server.port(), commands);
    }

    static String withRedis(String host, int port, Function<RedisCommands<String, String>, String> commands) {
        RedisClient client = RedisClient.create(RedisURI.create(host, port));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return commands.apply(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
