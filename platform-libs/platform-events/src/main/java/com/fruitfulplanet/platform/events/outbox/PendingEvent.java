package com.fruitfulplanet.platform.events.outbox;

import java.util.Arrays;

import com.fruitfulplanet.contracts.events.EventEnvelope;
import com.fruitfulplanet.contracts.events.EventMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;

/** An outbox row not yet published, as the relay reads it. */
record PendingEvent(long id, String topic, String key, EventMetadata metadata, byte[] payload) {

    ProducerRecord<String, byte[]> toProducerRecord() {
        return EventEnvelope.toProducerRecord(topic, key, metadata, payload);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PendingEvent that && id == that.id && topic.equals(that.topic) && key.equals(that.key)
                && metadata.equals(that.metadata) && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "PendingEvent[id=" + id + ", topic=" + topic + ", key=" + key + ", type=" + metadata.type()
                + ", eventId=" + metadata.id() + ", payload=" + payload.length + " bytes]";
    }
}
