package com.fruitfulplanet.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a JVM that started servers leaves behind when it ends: nothing after a normal exit; and after being killed
 * (shutdown hooks never run), orphans that the next start on the same data directories stops.
 */
class JvmExitIT {

    private Process child;

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void aJvmThatExitsWithoutClosingItsServersLeavesNothingRunning(@TempDir Path scratch) throws Exception {
        Servers servers = startChild(scratch, List.of("-", "-", "-", "0", "0", "0", "0"));
        assertThat(EmbeddedPostgresServerIT.alive(servers.postgresPid())).isTrue();
        assertThat(EmbeddedPostgresServerIT.alive(servers.redisPid())).isTrue();

        try (OutputStream stdin = child.getOutputStream()) {
            stdin.write("exit\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM exited").isTrue();

        assertThat(EmbeddedPostgresServerIT.alive(servers.postgresPid())).as("postmaster").isFalse();
        assertThat(EmbeddedPostgresServerIT.alive(servers.redisPid())).as("redis-server").isFalse();
        for (int port : servers.ports()) {
            assertThat(ListeningSockets.on(port)).as("listeners on port %d", port).isEmpty();
        }
    }

    @Test
    void aRestartStopsServersOrphanedByAKilledJvmAndReusesTheirData(@TempDir Path scratch) throws Exception {
        Path postgresData = scratch.resolve("postgres");
        Path redisData = scratch.resolve("redis");
        // No broker: it runs inside the JVM, so it cannot outlive it.
        Servers servers = startChild(scratch, List.of(postgresData.toString(), "none", redisData.toString(),
                "0", "0", "0", "0"));

        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(EmbeddedPostgresServerIT.alive(servers.postgresPid())).as("orphaned postmaster").isTrue();
        assertThat(EmbeddedPostgresServerIT.alive(servers.redisPid())).as("orphaned redis-server").isTrue();

        // Same ports as devstack would use: they only come free if the orphans are stopped.
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(postgresData, servers.postgresPort());
             EmbeddedRedisServer redis = EmbeddedRedisServer.start(redisData, servers.redisPort())) {
            assertThat(EmbeddedPostgresServerIT.alive(servers.postgresPid())).isFalse();
            assertThat(EmbeddedPostgresServerIT.alive(servers.redisPid())).isFalse();
            assertThat(EmbeddedPostgresServerIT.query(postgres.superuser(), "SELECT 'up'")).isEqualTo("up");
            assertThat(EmbeddedRedisServerIT.withRedis(redis, commands -> commands.ping())).isEqualTo("PONG");
        }
    }

    private Servers startChild(Path scratch, List<String> arguments) throws IOException, InterruptedException {
        Path output = scratch.resolve("child.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"),
                ServersInAnotherJvm.class.getName()));
        command.addAll(arguments);
        child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> ready = Files.readAllLines(output).stream().filter(l -> l.startsWith("READY ")).findFirst();
            if (ready.isPresent()) {
                return Servers.parse(ready.get());
            }
            if (!child.isAlive()) {
                throw new AssertionError("Child JVM died: " + Files.readString(output));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Child JVM did not start its servers: " + Files.readString(output));
    }

    private record Servers(int postgresPort, long postgresPid, int kafkaPort, int controllerPort, int redisPort,
                           long redisPid) {

        static Servers parse(String line) {
            String[] f = line.split(" ");
            return new Servers(Integer.parseInt(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]), Integer.parseInt(f[5]), Long.parseLong(f[6]));
        }

        List<Integer> ports() {
            return List.of(postgresPort, kafkaPort, controllerPort, redisPort);
        }
    }
}
