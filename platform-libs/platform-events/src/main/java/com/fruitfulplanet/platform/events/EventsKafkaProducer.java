package com.fruitfulplanet.platform.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;

/**
 * The one Kafka producer of the event backbone, shared by the outbox relay and the dead-letter publisher. It is
 * separate from any producer a service configures for itself, because its guarantees are not negotiable:
 * idempotent, {@code acks=all}, and bounded waits so that a broker outage turns into failed batches the relay
 * retries, not a thread blocked for minutes.
 */
public final class EventsKafkaProducer implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, byte[]> factory;
    private final KafkaTemplate<String, byte[]> template;

    public EventsKafkaProducer(Map<String, Object> baseProperties, Duration sendTimeout, MeterRegistry meters) {
        Map<String, Object> properties = new HashMap<>(baseProperties);
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        // Idempotence keeps order within a partition with up to 5 requests in flight.
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        properties.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        long timeout = sendTimeout.toMillis();
        long request = Math.max(1_000, Math.min(5_000, timeout / 2));
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout, request + 1));
        // send() waits for topic metadata at most this long; without a broker it then fails instead of hanging.
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) request);
        properties.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.factory = new DefaultKafkaProducerFactory<>(properties, new StringSerializer(), new ByteArraySerializer());
        this.factory.addListener(new MicrometerProducerListener<>(meters, List.of()));
        this.template = new KafkaTemplate<>(factory);
    }

    public KafkaTemplate<String, byte[]> template() {
        return template;
    }

    @Override
    public void destroy() {
        factory.destroy();
    }
}
