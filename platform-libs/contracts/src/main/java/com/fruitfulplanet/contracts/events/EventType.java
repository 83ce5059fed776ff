package com.fruitfulplanet.contracts.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One kind of domain event: its name, the record its data decodes to, and the topic it is published on.
 *
 * @param name        the CloudEvents {@code type}, {@code com.fruitfulplanet.<domain>.<Event>.v<major>}, e.g.
 *                    {@code com.fruitfulplanet.order.OrderPlaced.v1}; within one major version only additive changes
 *                    are allowed, so consumers dispatch on the full name
 * @param payloadType the record the JSON data decodes to
 * @param topic       the topic the event is published on
 */
public record EventType<T extends DomainEvent>(String name, Class<T> payloadType, TopicDefinition topic) {

    private static final Pattern NAME = Pattern.compile("com\\.fruitfulplanet\\.[a-z0-9]+\\.[A-Z][A-Za-z]+\\.v[0-9]+");

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(topic, "topic");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Event type name must look like com.fruitfulplanet.<domain>.<Event>.v<n>: " + name);
        }
    }
}
