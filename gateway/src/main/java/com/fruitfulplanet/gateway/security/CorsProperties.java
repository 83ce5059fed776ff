package com.fruitfulplanet.gateway.security;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which browser origins may call the API ({@code fruitfulplanet.gateway.cors.*}). Origins are listed exactly
 * ({@code https://shop.example.com}); no wildcard, so an unlisted site's scripts never get to read an answer.
 * Empty means no cross-origin access at all. Credentials (cookies) are off: the API uses bearer tokens.
 *
 * @param allowedOrigins  exact origins allowed to call the API from a browser
 * @param allowedMethods  methods a cross-origin request may use
 * @param allowedHeaders  request headers a cross-origin request may send
 * @param exposedHeaders  response headers a page may read besides the CORS-safelisted ones
 * @param maxAge          how long a browser may cache a preflight answer (each preflight costs a request)
 */
@Validated
@ConfigurationProperties("fruitfulplanet.gateway.cors")
public record CorsProperties(
        @DefaultValue({}) List<String> allowedOrigins,
        @NotEmpty @DefaultValue({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}) List<String> allowedMethods,
        @NotEmpty @DefaultValue({"Authorization", "Content-Type", "Accept", "Idempotency-Key", "X-Request-Id",
                "traceparent"}) List<String> allowedHeaders,
        @DefaultValue({"X-Request-Id", "X-RateLimit-Limit", "X-RateLimit-Remaining", "Retry-After", "Location"})
        List<String> exposedHeaders,
        @NotNull @DefaultValue("1h") Duration maxAge) {

    public CorsProperties {
        if (allowedOrigins.stream().anyMatch(origin -> origin.contains("*"))) {
            throw new IllegalArgumentException(
                    "fruitfulplanet.gateway.cors.allowed-origins lists origins exactly; wildcards are not accepted");
        }
    }
}
