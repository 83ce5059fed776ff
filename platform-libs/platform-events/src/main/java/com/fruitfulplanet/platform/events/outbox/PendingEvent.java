package com.fruitfulplanet.platform.events.outbox;

import com.fruitfulplanet.contracts.events.EventEnvelope;
import com.fruitfulplanet.contracts.events.EventMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;

/** An outbox row not yet published, as the relay reads it. Logged by size, never with its payload. */
record PendingEvent(long id, String topic, String key, EventMetadata metadata, byte[] payload) {

    ProducerRecord<String, byte[]> toProducerRecord() {
        return EventEnvelope.toProducerRecord(topic, key, metadata, payload);
    }

    @Override
    public String toString() {
        return "PendingEvent[id=" + id + ", topic=" + topic + ", key=" + key + ", type=" + metadata.type()
                + ", eventId=" + metadata.id() + ", payload=" + payload.length + " bytes]";
    }
}
