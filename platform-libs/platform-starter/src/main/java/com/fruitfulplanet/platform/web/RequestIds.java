package com.fruitfulplanet.platform.web;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import reactor.util.context.ContextView;

/**
 * The correlation id of a request, {@code X-Request-Id}: echoed when the client sent a sane one, made up otherwise,
 * returned on every response and passed on to every downstream call.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    /** Key of the id in the exchange attributes and in the Reactor context. */
    public static final String CONTEXT_KEY = RequestIds.class.getName();

    // Anything else (too long, control characters, spaces) could forge log lines or bloat headers: replaced.
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    static String acceptOrCreate(String candidate) {
        return candidate != null && ACCEPTABLE.matcher(candidate).matches() ? candidate : UUID.randomUUID().toString();
    }

    public static Optional<String> from(ContextView context) {
        return context.getOrEmpty(CONTEXT_KEY).map(Object::toString);
    }
}
