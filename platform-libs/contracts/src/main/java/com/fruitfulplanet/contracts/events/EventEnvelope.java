package com.fruitfulplanet.contracts.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * How an event travels in a Kafka record: a CloudEvent v1 in binary content mode, written and read by the CloudEvents
 * SDK. The attributes are {@code ce_*} headers, the JSON data is the record value (readable as it is by any Kafka
 * tool), the aggregate id is the record key, and the W3C {@code traceparent} is a plain header of its own, where
 * tracing instrumentation looks for it.
 */
public final class EventEnvelope {

    /** The header of the W3C trace context, outside the {@code ce_} namespace. */
    public static final String TRACEPARENT_HEADER = "traceparent";
    /** The data content type of every event. */
    public static final String DATA_CONTENT_TYPE = "application/json";

    /** A record for {@code topic}, ready to send; the partition is left to the producer's partitioner (by key). */
    public static ProducerRecord<String, byte[]> toProducerRecord(String topic, String key, EventMetadata metadata,
                                                                  byte[] data) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(metadata.id().toString())
                .withType(metadata.type())
                .withSource(metadata.source())
                .withTime(metadata.time())
                .withSubject(metadata.subject())
                .withDataContentType(DATA_CONTENT_TYPE)
                .withData(data)
                .build();
        ProducerRecord<String, byte[]> record =
                KafkaMessageFactory.createWriter(topic, null, null, key).writeBinary(event);
        if (metadata.traceparent() != null) {
            record.headers().add(TRACEPARENT_HEADER, metadata.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    /**
     * The event in {@code record}, its data still JSON.
     *
     * @throws EventDecodingException if the record is not a CloudEvent in binary mode with the attributes every
     *                                event has (id, type, source, time, subject) and data
     */
    public static ReceivedEvent read(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (CloudEventRWException | IllegalStateException e) { // the SDK's missing-attribute error is the latter
            throw new EventDecodingException(
                    "Not a CloudEvent (%s): %s".formatted(position(record), e.getMessage()), e);
        }
        EventMetadata metadata = new EventMetadata(
                eventId(event, record),
                event.getType(),
                event.getSource(),
                required(event.getTime(), "time", record),
                required(event.getSubject(), "subject", record),
                traceparent(record));
        CloudEventData data = required(event.getData(), "data", record);
        return new ReceivedEvent(metadata, record.key(), data.toBytes());
    }

    private static UUID eventId(CloudEvent event, ConsumerRecord<String, byte[]> record) {
        try {
            return UUID.fromString(event.getId());
        } catch (IllegalArgumentException e) {
            throw new EventDecodingException("Event id is not a UUID (%s)".formatted(position(record)), e);
        }
    }

    private static <T> T required(T value, String attribute, ConsumerRecord<String, byte[]> record) {
        if (value == null) {
            throw new EventDecodingException("Event has no %s (%s)".formatted(attribute, position(record)));
        }
        return value;
    }

    private static String traceparent(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(TRACEPARENT_HEADER);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Where the record is, so the message leads to it without quoting it. */
    private static String position(ConsumerRecord<String, byte[]> record) {
        return "%s-%d@%d".formatted(record.topic(), record.partition(), record.offset());
    }

    private EventEnvelope() {
    }
}
