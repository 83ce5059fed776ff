package com.fruitfulplanet.platform.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka 4 broker running in this JVM: one KRaft node that is both broker and controller, listening on
 * 127.0.0.1 only. Built from the broker's own classes rather than Kafka's test kit or spring-kafka-test, which bind
 * every network interface whatever {@code listeners} says.
 *
 * <p>Topics are never auto-created: like in production they must be declared ({@link KafkaTopics}). With a log
 * directory the broker is persistent (formatted once, topics and records survive restarts); without one it uses a
 * scratch directory deleted on {@link #close()}.
 *
 * <p>On a fatal fault (e.g. its disk is gone) a broker halts its JVM. Here that JVM is a test run or devstack, and a
 * halt would skip the shutdown hooks that stop PostgreSQL and Redis, so this class makes Kafka's exit and halt
 * requests log and throw instead: the broker becomes unusable, and the JVM stays in charge of its processes.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;

    static {
        Exit.setExitProcedure(EmbeddedKafkaBroker::refuseToEndTheJvm);
        Exit.setHaltProcedure(EmbeddedKafkaBroker::refuseToEndTheJvm);
    }

    private final KafkaRaftServer server;
    private final int port;
    private final int controllerPort;
    private final Path logDirectory;
    private final boolean scratch;
    private final ExitHook exitHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port, int controllerPort, Path logDirectory,
                                boolean scratch) {
        this.server = server;
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDirectory = logDirectory;
        this.scratch = scratch;
        this.exitHook = ExitHook.register("kafka-" + port, this);
    }

    /**
     * Formats the log directory if it is new, starts the broker and returns once it serves clients.
     *
     * @param logDirectory   where the broker keeps its logs and metadata; {@code null} for a scratch directory
     * @param port           client (PLAINTEXT) port on 127.0.0.1; 0 for any free one
     * @param controllerPort KRaft controller port on 127.0.0.1; 0 for any free one
     */
    public static EmbeddedKafkaBroker start(Path logDirectory, int port, int controllerPort) {
        boolean scratch = logDirectory == null;
        Path directory = scratch ? scratchDirectory() : logDirectory.toAbsolutePath();
        int brokerPort = FreePorts.orFree(port);
        int quorumPort = controllerPort == 0 ? FreePorts.pickOtherThan(brokerPort) : controllerPort;
        Properties config = config(directory, brokerPort, quorumPort);
        try {
            Files.createDirectories(directory);
            formatIfNew(directory, config);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
            try {
                // Returns once the broker has caught up with the metadata log and is unfenced, i.e. ready for clients.
                server.startup();
            } catch (RuntimeException e) {
                server.shutdown();
                server.awaitShutdown();
                throw e;
            }
            log.info("Kafka broker listening on {}:{} (controller {}:{}, logs in {})", HOST, brokerPort, HOST,
                    quorumPort, directory);
            return new EmbeddedKafkaBroker(server, brokerPort, quorumPort, directory, scratch);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start the Kafka broker on " + HOST + ":" + brokerPort
                    + " (controller " + quorumPort + ") with logs in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    /** Shuts the broker and controller down and returns once they have stopped; deletes a scratch directory. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        exitHook.unregister();
        server.shutdown();
        server.awaitShutdown();
        if (scratch) {
            deleteRecursively(logDirectory);
        }
        log.info("Kafka broker on port {} stopped", port);
    }

    private static void refuseToEndTheJvm(int status, String message) {
        log.error("The embedded Kafka broker hit a fatal error and asked to end the JVM (status {}): {}; "
                + "the broker is unusable until restarted", status, message);
        throw new IllegalStateException("Embedded Kafka broker failed fatally: " + message);
    }

    private static Properties config(Path directory, int port, int controllerPort) {
        Properties config = new Properties();
        config.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", Integer.toString(NODE_ID)),
                Map.entry("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort),
                Map.entry("log.dirs", directory.toString()),
                // Topics come from TopicDefinitions only; a typo in a topic name must fail, not create a topic.
                Map.entry("auto.create.topics.enable", "false"),
                // A single node: internal topics cannot have more replicas than that.
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                // Fewer internal partitions (default 50) make the first consumer group and transaction much faster.
                Map.entry("offsets.topic.num.partitions", "3"),
                Map.entry("transaction.state.log.num.partitions", "3"),
                Map.entry("share.coordinator.state.topic.num.partitions", "3"),
                // Consumers of a group join at once instead of waiting 3 s for peers that will not come.
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        return config;
    }

    /** {@code kafka-storage format --standalone}, once: a directory with {@code meta.properties} is already formatted. */
    private static void formatIfNew(Path directory, Properties config) throws IOException {
        if (Files.exists(directory.resolve("meta.properties"))) {
            return;
        }
        Path configFile = Files.createTempFile("kafka-format-", ".properties");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            try (var writer = Files.newBufferedWriter(configFile)) {
                config.store(writer, "kafka-storage format");
            }
            int status = StorageTool.execute(new String[] {
                    "format", "--config", configFile.toString(),
                    "--cluster-id", Uuid.randomUuid().toString(), "--standalone"},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (status != 0) {
                throw new IllegalStateException("kafka-storage format exited with " + status + ": " + output);
            }
            log.debug("Formatted {}: {}", directory, output);
        } finally {
            Files.deleteIfExists(configFile);
        }
    }

    private static Path scratchDirectory() {
        try {
            return Files.createTempDirectory("kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a scratch directory for Kafka", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete Kafka scratch directory {}", directory, e);
        }
    }
}
