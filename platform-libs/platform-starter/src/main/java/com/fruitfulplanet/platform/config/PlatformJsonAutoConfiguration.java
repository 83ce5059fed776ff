package com.fruitfulplanet.platform.config;

import com.fruitfulplanet.platform.json.PlatformJsonCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The API's JSON conventions (see {@link PlatformJsonCustomizer}) on the JSON mapper every codec uses. */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
public class PlatformJsonAutoConfiguration {

    @Bean
    PlatformJsonCustomizer platformJsonCustomizer() {
        return new PlatformJsonCustomizer();
    }
}
