package com.fruitfulplanet.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import com.fruitfulplanet.contracts.platform.PlatformService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

@PlatformIntegrationTest
@TestPropertySource(properties = "spring.application.name=catalog-service")
class PlatformIntegrationTestIT {

    @Autowired
    private Environment environment;

    @Test
    void theServiceGetsItsDatabaseKafkaAndRedis() {
        RealInfrastructure infrastructure = RealInfrastructure.get();
        ServiceDatabase catalog = infrastructure.provision(PlatformService.CATALOG);

        assertThat(environment.getProperty("fruitfulplanet.database.host")).isEqualTo(catalog.host());
        assertThat(environment.getProperty("fruitfulplanet.database.port", Integer.class)).isEqualTo(catalog.port());
        assertThat(environment.getProperty("fruitfulplanet.database.name")).isEqualTo("fruitfulplanet");
        assertThat(environment.getProperty("fruitfulplanet.database.username")).isEqualTo("catalog");
        assertThat(environment.getProperty("fruitfulplanet.database.password")).isEqualTo(catalog.password());
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(infrastructure.kafkaBootstrapServers());
        assertThat(environment.getProperty("spring.data.redis.host")).isEqualTo(infrastructure.redisHost());
        assertThat(environment.getProperty("spring.data.redis.port", Integer.class))
                .isEqualTo(infrastructure.redisPort());
        assertThat(environment.getProperty("management.server.port")).isEqualTo("0");
    }

    @Test
    void theDatabasePropertiesLogIn() throws Exception {
        String url = "jdbc:postgresql://" + environment.getProperty("fruitfulplanet.database.host") + ":"
                + environment.getProperty("fruitfulplanet.database.port") + "/"
                + environment.getProperty("fruitfulplanet.database.name");
        try (Connection connection = DriverManager.getConnection(url,
                environment.getProperty("fruitfulplanet.database.username"),
                environment.getProperty("fruitfulplanet.database.password"));
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT current_schema()")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("catalog");
        }
    }
}
