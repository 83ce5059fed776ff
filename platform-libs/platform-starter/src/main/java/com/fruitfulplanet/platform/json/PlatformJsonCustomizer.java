package com.fruitfulplanet.platform.json;

import com.fruitfulplanet.contracts.json.JsonConventions;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON conventions of the public API: instants as RFC 3339 strings in UTC, decimal numbers (money) as plain
 * decimal strings such as {@code "1234.50"} so that no client rounds them through a binary float, and unknown
 * fields ignored so that clients may send fields a newer server understands (and fields such as {@code roles} that
 * a server must never honour have no effect).
 */
public class PlatformJsonCustomizer implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        JsonConventions.apply(builder);
    }
}
