package com.fruitfulplanet.platform.test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fruitfulplanet.contracts.platform.PlatformService;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a service's test context at {@link RealInfrastructure}: finds the service by
 * {@code spring.application.name} and puts, ahead of every other property source, its database credentials (as
 * {@code fruitfulplanet.database.*}, which the platform starter turns into R2DBC and Flyway settings), the Kafka
 * bootstrap servers and the Redis address, each only if the service uses that backend. The management server gets
 * a random port so parallel contexts do not fight over the fixed one.
 */
public final class RealInfrastructureInitializer
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String PROPERTY_SOURCE_NAME = "fruitfulplanetRealInfrastructure";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        PlatformService service = service(environment.getProperty("spring.application.name"));
        environment.getPropertySources()
                .addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties(service, RealInfrastructure.get())));
    }

    static PlatformService service(String applicationName) {
        if (applicationName == null || applicationName.isBlank()) {
            throw new IllegalStateException("spring.application.name is not set, so the test cannot tell which "
                    + "service's database, topics and Redis to provide; set it to one of " + knownNames());
        }
        return PlatformService.byApplicationName(applicationName).orElseThrow(() -> new IllegalStateException(
                "spring.application.name=" + applicationName + " is not a platform service; known: " + knownNames()));
    }

    static Map<String, Object> properties(PlatformService service, RealInfrastructure infrastructure) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (service.usesDatabase()) {
            ServiceDatabase database = infrastructure.provision(service);
            properties.put("fruitfulplanet.database.host", database.host());
            properties.put("fruitfulplanet.database.port", database.port());
            properties.put("fruitfulplanet.database.name", database.database());
            properties.put("fruitfulplanet.database.username", database.username());
            properties.put("fruitfulplanet.database.password", database.password());
        }
        if (service.usesKafka()) {
            properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
        }
        if (service.usesRedis()) {
            properties.put("spring.data.redis.host", infrastructure.redisHost());
            properties.put("spring.data.redis.port", infrastructure.redisPort());
        }
        properties.put("management.server.port", 0);
        return properties;
    }

    private static String knownNames() {
        return Arrays.stream(PlatformService.values()).map(PlatformService::applicationName).toList().toString();
    }
}
