package com.fruitfulplanet.contracts.events;

import com.fruitfulplanet.contracts.json.JsonConventions;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of event data: the platform's {@link JsonConventions} plus tolerance for what a newer producer may add
 * within the same major version, new fields (ignored) and new enum values (read as the enum's {@code UNKNOWN}).
 * A missing required field fails: records check theirs in their constructors, and a missing number is not read as
 * 0 because Jackson 3 enables {@code FAIL_ON_NULL_FOR_PRIMITIVES} by default (a test pins this).
 * One mapper for the whole JVM: a configured Jackson mapper is immutable and thread-safe.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonConventions.apply(JsonMapper.builder())
            .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .build();

    /** The shared mapper, for code that needs the JSON of events in another form (e.g. a tree). */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** The JSON data of {@code event}; its {@link DomainEvent#key()} is not part of it. */
    public static byte[] write(DomainEvent event) {
        return MAPPER.writeValueAsBytes(Objects.requireNonNull(event, "event"));
    }

    /**
     * Decodes event data.
     *
     * @throws EventDecodingException if {@code json} is empty, not JSON, or lacks a required field of {@code type}
     */
    public static <T> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new EventDecodingException("Cannot decode %s: no data".formatted(type.getName()));
        }
        T value;
        try {
            value = MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new EventDecodingException("Cannot decode %s: %s".formatted(type.getName(), describe(e)), e);
        }
        if (value == null) {
            throw new EventDecodingException("Cannot decode %s: the data is JSON null".formatted(type.getName()));
        }
        return value;
    }

    /**
     * What is wrong, without the input. A record's constructor rejects a missing field with
     * {@code Objects.requireNonNull(value, "fieldName")}, which Jackson reports as a failed instantiation.
     */
    private static String describe(JacksonException e) {
        String where = e.getPath().isEmpty() ? "" : " (at " + path(e) + ")";
        if (e instanceof ValueInstantiationException && e.getCause() instanceof NullPointerException missing) {
            return "required field '%s' is missing or null%s".formatted(missing.getMessage(), where);
        }
        return e.getOriginalMessage() + where;
    }

    /** The JSON path of the failure, e.g. {@code lines[0].quantity}. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference step : e.getPath()) {
            if (step.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getPropertyName());
            } else {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private EventJson() {
    }
}
