import com.fruitfulplanet.contracts.events.Topics;
import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.platform.infra.DatabaseProvisioning;
import com.fruitfulplanet.platform.infra.EmbeddedKafkaBroker;
import com.fruitfulplanet.platform.infra.EmbeddedPostgresServer;
import com.fruitfulplanet.platform.infra.EmbeddedRedisServer;
import com.fruitfulplanet.platform.infra.KafkaTopics;

/**
 * The infrastructure of the gateway benchmark (benchmarks/gateway/run.sh): PostgreSQL with auth-service's role and
 * schema, a Kafka broker with the platform's topics, and Redis, all on 127.0.0.1, on the ports given, with throwaway
 * data. The same embedded servers devstack and the tests use (platform-test), run from devstack.jar's class path,
 * so that the benchmark's stack can use ports of its own and never collides with a devstack on the default ones.
 *
 * <p>Usage: {@code java -cp <devstack classes and libs> Infrastructure.java <postgres> <kafka> <kafka-controller>
 * <redis>}, with auth-service's database password in {@code BENCH_AUTH_DB_PASSWORD}. Prints {@code READY ...} with
 * the PIDs of the Postgres and Redis processes once everything answers, then runs until it gets SIGTERM, when the
 * servers' own exit hooks stop Redis, Kafka and Postgres.
 */
public final class Infrastructure {

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: Infrastructure <postgres> <kafka> <kafka-controller> <redis>");
        }
        String password = System.getenv("BENCH_AUTH_DB_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("BENCH_AUTH_DB_PASSWORD is not set");
        }
        int postgresPort = Integer.parseInt(args[0]);
        int kafkaPort = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        int redisPort = Integer.parseInt(args[3]);

        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, postgresPort);
        DatabaseProvisioning.provision(postgres.superuser(), "fruitfulplanet", PlatformService.AUTH, password);
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(null, kafkaPort, controllerPort);
        KafkaTopics.create(kafka.bootstrapServers(), Topics.all());
        EmbeddedRedisServer redis = EmbeddedRedisServer.start(null, redisPort);

        System.out.printf("READY postgres-pid=%d redis-pid=%d kafka=%s%n", postgres.pid(), redis.pid(),
                kafka.bootstrapServers());
        System.out.flush();

        Thread.currentThread().join();
    }

    private Infrastructure() {
    }
}
