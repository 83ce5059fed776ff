package com.fruitfulplanet.contracts.json;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's JSON conventions, shared by the public API (through the platform starter) and the domain events, so
 * that an amount or an instant looks the same wherever it crosses a process boundary:
 * <ul>
 *   <li>instants as RFC 3339 strings, kept in the zone they carry (UTC for {@code Instant}), never epoch numbers;</li>
 *   <li>decimal numbers (money) as plain decimal strings such as {@code "1234.50"}, so no reader rounds them through
 *       a binary float, and floating-point input read as {@code BigDecimal} for the same reason;</li>
 *   <li>unknown fields ignored, so a reader tolerates fields a newer writer added (and a server never honours a field
 *       such as {@code roles} that it does not know).</li>
 * </ul>
 */
public final class JsonConventions {

    /** Applies the conventions to {@code builder} and returns it, for chaining. */
    public static JsonMapper.Builder apply(JsonMapper.Builder builder) {
        return builder.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .withConfigOverride(BigDecimal.class,
                        override -> override.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)));
    }

    private JsonConventions() {
    }
}
