package com.fruitfulplanet.devstack.infra;

import com.fruitfulplanet.contracts.events.Topics;
import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.devstack.DevStackException;
import com.fruitfulplanet.devstack.console.Console;
import com.fruitfulplanet.devstack.home.DevStackHome;
import com.fruitfulplanet.devstack.ports.LocalPorts;
import com.fruitfulplanet.devstack.process.ProcessRegistry;
import com.fruitfulplanet.devstack.process.RecordedProcess;
import com.fruitfulplanet.devstack.secrets.LocalSecrets;
import com.fruitfulplanet.platform.infra.DatabaseProvisioning;
import com.fruitfulplanet.platform.infra.EmbeddedKafkaBroker;
import com.fruitfulplanet.platform.infra.EmbeddedPostgresServer;
import com.fruitfulplanet.platform.infra.EmbeddedRedisServer;
import com.fruitfulplanet.platform.infra.KafkaTopics;
import com.fruitfulplanet.platform.infra.PostgresEndpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * PostgreSQL, Kafka (KRaft, in this JVM) and Redis on loopback, with their data under the devstack home so it
 * survives restarts. Started in the order services need them and stopped in reverse. Postgres and Redis run as
 * their own processes; their PIDs are recorded so {@code ./devstack stop} can clean up after a devstack that died.
 */
public final class LocalInfrastructure implements AutoCloseable {

    /** The one database of the platform; each service has its own role and schema in it. */
    public static final String DATABASE = "fruitfulplanet";

    private final Console console;
    private final Deque<Component> running = new ArrayDeque<>();
    private PostgresEndpoint superuser;
    private String kafkaBootstrapServers;
    private EmbeddedRedisServer redis;

    private LocalInfrastructure(Console console) {
        this.console = console;
    }

    /** Starts everything or nothing: on failure, whatever already started is stopped again. */
    public static LocalInfrastructure start(DevStackHome home, LocalSecrets secrets, ProcessRegistry registry,
                                            Console console) {
        LocalInfrastructure infrastructure = new LocalInfrastructure(console);
        try {
            infrastructure.startPostgres(home, secrets, registry);
            infrastructure.startKafka(home);
            infrastructure.startRedis(home, registry);
            return infrastructure;
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
    }

    /** The services' database roles, which are also their schema names. */
    public static List<String> databaseRoles() {
        return Arrays.stream(PlatformService.values())
                .filter(PlatformService::usesDatabase)
                .map(service -> service.schema().orElseThrow())
                .toList();
    }

    public InfraAddresses addresses() {
        return new InfraAddresses(superuser.host(), superuser.port(), kafkaBootstrapServers,
                redis.host(), redis.port());
    }

    private void startPostgres(DevStackHome home, LocalSecrets secrets, ProcessRegistry registry) {
        Instant started = Instant.now();
        boolean fresh = isEmpty(home.postgresData());
        EmbeddedPostgresServer postgres = attempt("PostgreSQL",
                () -> EmbeddedPostgresServer.start(home.postgresData(), LocalPorts.POSTGRES));
        running.push(new Component("PostgreSQL", postgres::close));
        superuser = postgres.superuser();
        for (PlatformService service : PlatformService.values()) {
            if (service.usesDatabase()) {
                String role = service.schema().orElseThrow();
                attempt("PostgreSQL role and schema '" + role + "'", () -> {
                    DatabaseProvisioning.provision(superuser, DATABASE, service, secrets.databasePassword(role));
                    return role;
                });
            }
        }
        record(registry, ProcessRegistry.POSTGRES, postgres.pid());
        report("PostgreSQL", LocalPorts.POSTGRES, started, "database %s; a role and schema each: %s%s".formatted(
                DATABASE, String.join(", ", databaseRoles()), fresh ? " (new data folder)" : ""));
    }

    private void startKafka(DevStackHome home) {
        Instant started = Instant.now();
        EmbeddedKafkaBroker kafka = attempt("Kafka",
                () -> EmbeddedKafkaBroker.start(home.kafkaData(), LocalPorts.KAFKA, LocalPorts.KAFKA_CONTROLLER));
        running.push(new Component("Kafka", kafka::close));
        kafkaBootstrapServers = kafka.bootstrapServers();
        attempt("Kafka topics", () -> {
            KafkaTopics.create(kafkaBootstrapServers, Topics.all());
            return null;
        });
        report("Kafka", LocalPorts.KAFKA, started, "KRaft controller on %d; %d topics".formatted(
                LocalPorts.KAFKA_CONTROLLER, Topics.all().size()));
    }

    private void startRedis(DevStackHome home, ProcessRegistry registry) {
        Instant started = Instant.now();
        redis = attempt("Redis", () -> EmbeddedRedisServer.start(home.redisData(), LocalPorts.REDIS));
        EmbeddedRedisServer server = redis;
        running.push(new Component("Redis", server::close));
        record(registry, ProcessRegistry.REDIS, server.pid());
        report("Redis", LocalPorts.REDIS, started, "");
    }

    private void report(String name, int port, Instant started, String details) {
        console.line("  %-12s %-17s ready in %-7s %s", name, LocalPorts.LOOPBACK + ":" + port,
                Console.seconds(Duration.between(started, Instant.now())), details);
    }

    /** Stops Redis, Kafka and PostgreSQL, in that order; one that fails to stop does not keep the others running. */
    @Override
    public void close() {
        List<String> stopped = new ArrayList<>();
        while (!running.isEmpty()) {
            Component component = running.pop();
            try {
                component.stop().close();
                stopped.add(component.name());
            } catch (Exception e) {
                console.error("  ! %s did not stop cleanly: %s".formatted(component.name(), e.getMessage()));
                console.detail(component.name() + " did not stop cleanly", e);
            }
        }
        if (!stopped.isEmpty()) {
            console.line("  stopped " + String.join(", ", stopped));
        }
    }

    /** Postgres and Redis are processes of their own: recorded so {@code stop} finds them if devstack dies. */
    private static void record(ProcessRegistry registry, String name, long pid) {
        ProcessHandle.of(pid).flatMap(process -> RecordedProcess.observe(name, process)).ifPresent(registry::record);
    }

    private static boolean isEmpty(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return true;
        }
    }

    /** Runs one start step; a failure becomes a message naming the step, with the details in devstack.log. */
    private static <T> T attempt(String what, Callable<T> step) {
        try {
            return step.call();
        } catch (Exception e) {
            throw new DevStackException(DevStackException.FAILED,
                    what + " did not start: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure || root.getMessage() == null
                ? String.valueOf(failure.getMessage())
                : failure.getMessage() + " (" + root.getMessage() + ")";
    }

    /** A started piece of infrastructure and how to stop it. */
    private record Component(String name, Stoppable stop) {
    }

    /** A close method, whether or not it declares checked exceptions. */
    @FunctionalInterface
    private interface Stoppable {
        void close() throws Exception;
    }
}
