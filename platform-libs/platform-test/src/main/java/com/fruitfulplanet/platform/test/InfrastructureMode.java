package com.fruitfulplanet.platform.test;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where {@link RealInfrastructure} gets its servers from. Chosen with the system property or environment variable
 * {@value #PROPERTY} (also {@value #ENVIRONMENT_VARIABLE}): {@code auto} (default) uses Testcontainers when a
 * Docker engine answers (e.g. GitHub runners) and embedded servers otherwise; {@code embedded} and
 * {@code containers} force one.
 */
enum InfrastructureMode {
    AUTO, EMBEDDED, CONTAINERS;

    static final String PROPERTY = "fruitfulplanet.test.infrastructure";
    static final String ENVIRONMENT_VARIABLE = "FRUITFULPLANET_TEST_INFRASTRUCTURE";

    /** The mode the system property, else the environment, asks for; {@link #AUTO} when neither says. */
    static InfrastructureMode configured() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            value = System.getenv(PROPERTY);
        }
        if (value == null) {
            value = System.getenv(ENVIRONMENT_VARIABLE);
        }
        return parse(value);
    }

    static InfrastructureMode parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PROPERTY + "=" + value + " is not one of "
                    + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).toList(), e);
        }
    }
}
