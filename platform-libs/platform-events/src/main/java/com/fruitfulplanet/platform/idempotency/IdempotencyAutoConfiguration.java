package com.fruitfulplanet.platform.idempotency;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link IdempotentRequests} for a service that takes {@code Idempotency-Key}s. Opt in with
 * {@code fruitfulplanet.idempotency.enabled=true} and a migration extending {@link IdempotencyTableMigration}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnBooleanProperty("fruitfulplanet.idempotency.enabled")
@ConditionalOnBean({ConnectionFactory.class, ReactiveTransactionManager.class, JsonMapper.class})
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyAutoConfiguration {

    @Bean
    IdempotentRequests idempotentRequests(ConnectionFactory connections, ReactiveTransactionManager transactions,
                                          JsonMapper json, IdempotencyProperties properties,
                                          ObjectProvider<MeterRegistry> meters) {
        return new IdempotentRequests(DatabaseClient.create(connections), TransactionalOperator.create(transactions),
                json, properties, meters.getIfAvailable(SimpleMeterRegistry::new));
    }
}
