package com.fruitfulplanet.order.config;

import com.fruitfulplanet.order.saga.SagaProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** order-service's own settings and the clock every timestamp and deadline is taken from. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SagaProperties.class)
class OrderConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
