package com.fruitfulplanet.platform.test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fruitfulplanet.contracts.events.Topics;
import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.platform.infra.DatabaseProvisioning;
import com.fruitfulplanet.platform.infra.KafkaTopics;
import com.fruitfulplanet.platform.infra.PostgresEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real PostgreSQL, Kafka and Redis for integration tests: one set per test JVM, started on first use and stopped
 * when the JVM exits, so every test class and cached Spring context of a run shares them.
 *
 * <p>Testcontainers where a Docker engine answers, embedded servers on 127.0.0.1 otherwise (see
 * {@link InfrastructureMode} for forcing one). All topics of {@link Topics#all()} exist before the first test sees
 * the broker; each service gets its own role and schema in the {@value #DATABASE} database via
 * {@link #provision(PlatformService)}, exactly as devstack and production provision them.
 */
public final class RealInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(RealInfrastructure.class);

    /** The database all services share, each in its own schema. */
    public static final String DATABASE = "fruitfulplanet";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static RealInfrastructure instance;
    private static RuntimeException startFailure;

    private final RunningInfrastructure running;
    private final Map<PlatformService, ServiceDatabase> provisioned = new ConcurrentHashMap<>();

    private RealInfrastructure(RunningInfrastructure running) {
        this.running = running;
    }

    /** The JVM's instance, started by the first call. A failed start is reported again to every later caller. */
    public static synchronized RealInfrastructure get() {
        if (startFailure != null) {
            throw new IllegalStateException("Real infrastructure failed to start earlier in this JVM: "
                    + startFailure.getMessage(), startFailure);
        }
        if (instance == null) {
            try {
                instance = start(InfrastructureMode.configured());
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return instance;
    }

    /** The Postgres superuser. */
    public PostgresEndpoint postgres() {
        return running.postgres();
    }

    public String kafkaBootstrapServers() {
        return running.kafkaBootstrapServers();
    }

    public String redisHost() {
        return running.redisHost();
    }

    public int redisPort() {
        return running.redisPort();
    }

    /**
     * The service's role and schema in {@value #DATABASE}, provisioned on the first call for that service in this
     * JVM (with a random password) and returned as is afterwards.
     *
     * @throws IllegalArgumentException for a service without a database (the gateway)
     */
    public ServiceDatabase provision(PlatformService service) {
        return provisioned.computeIfAbsent(service, this::provisionNow);
    }

    private ServiceDatabase provisionNow(PlatformService service) {
        String password = randomPassword();
        DatabaseProvisioning.provision(postgres(), DATABASE, service, password);
        PostgresEndpoint server = postgres();
        return new ServiceDatabase(server.host(), server.port(), DATABASE, service.schema().orElseThrow(), password);
    }

    private static RealInfrastructure start(InfrastructureMode mode) {
        long started = System.nanoTime();
        RunningInfrastructure running = useContainers(mode) ? ContainerInfrastructure.start()
                : EmbeddedInfrastructure.start();
        Thread stop = new Thread(running::close, "stop-real-infrastructure");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            KafkaTopics.create(running.kafkaBootstrapServers(), Topics.all());
        } catch (RuntimeException e) {
            running.close();
            Runtime.getRuntime().removeShutdownHook(stop);
            throw e;
        }
        log.info("Real infrastructure up in {} ms: {}", (System.nanoTime() - started) / 1_000_000, running);
        return new RealInfrastructure(running);
    }

    private static boolean useContainers(InfrastructureMode mode) {
        return switch (mode) {
            case EMBEDDED -> false;
            case CONTAINERS -> {
                if (!testcontainersPresent() || !ContainerInfrastructure.dockerAvailable()) {
                    throw new IllegalStateException(InfrastructureMode.PROPERTY + "=containers, but "
                            + (testcontainersPresent() ? "no Docker engine answers"
                            : "Testcontainers is not on the test classpath"));
                }
                yield true;
            }
            case AUTO -> testcontainersPresent() && ContainerInfrastructure.dockerAvailable();
        };
    }

    /** Testcontainers is an optional dependency; without it on the classpath, embedded is the only way. */
    private static boolean testcontainersPresent() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, RealInfrastructure.class.getClassLoader());
            Class.forName("org.testcontainers.postgresql.PostgreSQLContainer", false,
                    RealInfrastructure.class.getClassLoader());
            Class.forName("org.testcontainers.kafka.KafkaContainer", false, RealInfrastructure.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
