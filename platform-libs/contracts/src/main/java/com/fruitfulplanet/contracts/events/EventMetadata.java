package com.fruitfulplanet.contracts.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The envelope of one event: the CloudEvents attributes and the W3C trace context, carried as Kafka headers beside the
 * JSON data (see {@link EventEnvelope}).
 *
 * @param id          unique per event; consumers record it in their inbox so a redelivered event has no second effect
 * @param type        the {@link EventType#name()}, which tells a consumer what the data decodes to
 * @param source      the producing service, {@link #sourceOf(String)}
 * @param time        when the change happened (not when it was relayed); normalised to UTC
 * @param subject     what the event is about, usually the aggregate id
 * @param traceparent the W3C {@code traceparent} of the trace that made the change, so consumers continue it; null
 *                    when there was none
 */
public record EventMetadata(UUID id, String type, URI source, OffsetDateTime time, String subject,
                            String traceparent) {

    private static final String SOURCE_PREFIX = "urn:fruitfulplanet:";
    private static final Pattern APPLICATION_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public EventMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        time = Objects.requireNonNull(time, "time").withOffsetSameInstant(ZoneOffset.UTC);
        Objects.requireNonNull(subject, "subject");
    }

    /** The CloudEvents {@code source} of a service, e.g. {@code urn:fruitfulplanet:order-service}. */
    public static URI sourceOf(String applicationName) {
        if (applicationName == null || !APPLICATION_NAME.matcher(applicationName).matches()) {
            throw new IllegalArgumentException("Not an application name such as order-service: " + applicationName);
        }
        return URI.create(SOURCE_PREFIX + applicationName);
    }
}
