package com.fruitfulplanet.platform.events;

import java.time.Clock;

import com.fruitfulplanet.platform.events.inbox.EventConsumer;
import com.fruitfulplanet.platform.events.inbox.EventConsumers;
import com.fruitfulplanet.platform.events.outbox.Outbox;
import com.fruitfulplanet.platform.events.outbox.OutboxMetrics;
import com.fruitfulplanet.platform.events.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

/**
 * The event backbone for a service with a database and Kafka: the {@link Outbox} to append events, the
 * {@link OutboxRelay} that publishes them, and a Kafka listener container for every {@link EventConsumer} bean.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnBean({ConnectionFactory.class, ReactiveTransactionManager.class, KafkaProperties.class})
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

    @Bean
    EventsKafkaProducer eventsKafkaProducer(KafkaProperties kafka, EventsProperties properties,
                                            ObjectProvider<MeterRegistry> meters) {
        return new EventsKafkaProducer(kafka.buildProducerProperties(), properties.outbox().sendTimeout(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    Outbox outbox(ConnectionFactory connections, Environment environment, ObjectProvider<Tracer> tracer,
                  ObjectProvider<Propagator> propagator, ObjectProvider<Clock> clock) {
        return new Outbox(DatabaseClient.create(connections), applicationName(environment),
                new CurrentTraceparent(tracer, propagator), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    OutboxMetrics outboxMetrics(ObjectProvider<MeterRegistry> meters) {
        return new OutboxMetrics(meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "fruitfulplanet.events.outbox.relay-enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(ConnectionFactory connections, ReactiveTransactionManager transactions,
                            EventsKafkaProducer producer, EventsProperties properties, OutboxMetrics metrics) {
        return new OutboxRelay(DatabaseClient.create(connections), connections, transactions, producer.template(),
                properties.outbox(), metrics);
    }

    @Bean
    EventConsumers eventConsumers(ObjectProvider<EventConsumer> consumers, ConnectionFactory connections,
                                  ReactiveTransactionManager transactions, KafkaProperties kafka,
                                  EventsKafkaProducer producer, EventsProperties properties, Environment environment,
                                  ObjectProvider<MeterRegistry> meters, ApplicationContext context) {
        return new EventConsumers(consumers.orderedStream().toList(), DatabaseClient.create(connections),
                transactions, kafka.buildConsumerProperties(), producer.template(), properties.consumer(),
                applicationName(environment), meters.getIfAvailable(SimpleMeterRegistry::new), context);
    }

    private static String applicationName(Environment environment) {
        String name = environment.getProperty("spring.application.name");
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("spring.application.name must be set: it is the events' source and "
                    + "the prefix of consumer group ids");
        }
        return name;
    }
}
