package com.fruitfulplanet.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

/** A service that uses only Redis gets only Redis. */
@PlatformIntegrationTest
@TestPropertySource(properties = "spring.application.name=gateway")
class GatewayIntegrationTestIT {

    @Autowired
    private Environment environment;

    @Test
    void getsRedisAndNothingElse() {
        assertThat(environment.getProperty("spring.data.redis.host")).isEqualTo(RealInfrastructure.get().redisHost());
        assertThat(environment.getProperty("spring.data.redis.port", Integer.class))
                .isEqualTo(RealInfrastructure.get().redisPort());
        assertThat(environment.containsProperty("fruitfulplanet.database.host")).isFalse();
        assertThat(environment.containsProperty("spring.kafka.bootstrap-servers")).isFalse();
        assertThat(environment.getProperty("management.server.port")).isEqualTo("0");
    }
}
