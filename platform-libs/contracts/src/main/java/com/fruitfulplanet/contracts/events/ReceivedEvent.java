package com.fruitfulplanet.contracts.events;

import java.util.Arrays;
import java.util.Objects;

/**
 * An event as read from Kafka, before its data is decoded: a consumer dispatches on {@code metadata.type()} (see
 * {@link EventCatalog#byName(String)}) and then decodes {@code data} with {@link EventJson#read(byte[], Class)}, so an
 * unknown type can be skipped without being parsed.
 *
 * @param metadata the CloudEvents attributes and trace context
 * @param key      the Kafka record key, the id of the aggregate; null only if the producer set none
 * @param data     the JSON data as received; not copied, so not to be modified
 */
public record ReceivedEvent(EventMetadata metadata, String key, byte[] data) {

    public ReceivedEvent {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedEvent that
                && metadata.equals(that.metadata)
                && Objects.equals(key, that.key)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metadata, key, Arrays.hashCode(data));
    }

    /** Shows the size of the data, not its bytes, which may hold personal data and end up in logs. */
    @Override
    public String toString() {
        return "ReceivedEvent[metadata=%s, key=%s, data=%d bytes]".formatted(metadata, key, data.length);
    }
}
