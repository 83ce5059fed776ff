import com.fruitfulplanet.contracts.events.Topics;
import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.platform.infra.DatabaseProvisioning;
import com.fruitfulplanet.platform.infra.EmbeddedKafkaBroker;
import com.fruitfulplanet.platform.infra.EmbeddedPostgresServer;
import com.fruitfulplanet.platform.infra.EmbeddedRedisServer;
import com.fruitfulplanet.platform.infra.KafkaTopics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The infrastructure of a benchmark (benchmarks/lib/stack.sh, start_infrastructure): PostgreSQL with the role and
 * schema of each service given, a Kafka broker with the platform's topics, and Redis, all on 127.0.0.1, on the
 * ports given, with throwaway data. The same embedded servers devstack and the tests use (platform-test), run from
 * devstack.jar's class path, so that a benchmark's stack can use ports of its own and never collides with a
 * devstack on the default ones.
 *
 * <p>Usage: {@code java -cp <devstack classes and libs> Infrastructure.java <postgres> <kafka> <kafka-controller>
 * <redis> <service>...}, a service by its application name ({@code auth-service}) or its schema ({@code auth}).
 * Each service's database password comes from {@code BENCH_<SCHEMA>_DB_PASSWORD} ({@code BENCH_AUTH_DB_PASSWORD}),
 * else from {@code BENCH_DB_PASSWORD}. Prints {@code READY ...} with the PIDs of the Postgres and Redis processes
 * once everything answers, then runs until it gets SIGTERM, when the servers' own exit hooks stop Redis, Kafka and
 * Postgres.
 */
public final class Infrastructure {

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 4) {
            throw new IllegalArgumentException(
                    "usage: Infrastructure <postgres> <kafka> <kafka-controller> <redis> <service>...");
        }
        int postgresPort = Integer.parseInt(args[0]);
        int kafkaPort = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        int redisPort = Integer.parseInt(args[3]);
        List<PlatformService> services = new ArrayList<>();
        for (String name : Arrays.copyOfRange(args, 4, args.length)) {
            services.add(service(name));
        }
        List<String> passwords = services.stream().map(Infrastructure::password).toList();

        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, postgresPort);
        for (int i = 0; i < services.size(); i++) {
            DatabaseProvisioning.provision(postgres.superuser(), "fruitfulplanet", services.get(i), passwords.get(i));
        }
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(null, kafkaPort, controllerPort);
        KafkaTopics.create(kafka.bootstrapServers(), Topics.all());
        EmbeddedRedisServer redis = EmbeddedRedisServer.start(null, redisPort);

        System.out.printf("READY postgres-pid=%d redis-pid=%d kafka=%s%n", postgres.pid(), redis.pid(),
                kafka.bootstrapServers());
        System.out.flush();

        Thread.currentThread().join();
    }

    /** A service with a database schema, by application name or schema name. */
    private static PlatformService service(String name) {
        return Arrays.stream(PlatformService.values())
                .filter(service -> service.applicationName().equals(name)
                        || service.schema().filter(name::equals).isPresent())
                .filter(service -> service.schema().isPresent())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service with a database schema: " + name));
    }

    private static String password(PlatformService service) {
        String own = "BENCH_" + service.schema().orElseThrow().toUpperCase(Locale.ROOT) + "_DB_PASSWORD";
        for (String variable : List.of(own, "BENCH_DB_PASSWORD")) {
            String password = System.getenv(variable);
            if (password != null && !password.isEmpty()) {
                return password;
            }
        }
        throw new IllegalArgumentException("neither " + own + " nor BENCH_DB_PASSWORD is set");
    }

    private Infrastructure() {
    }
}
