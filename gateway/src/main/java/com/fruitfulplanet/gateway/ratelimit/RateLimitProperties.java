package com.fruitfulplanet.gateway.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpMethod;
import org.springframework.validation.annotation.Validated;

/**
 * The edge's rate limits ({@code fruitfulplanet.gateway.rate-limit.*}); see docs/gateway.md.
 *
 * @param enabled          off only for local experiments; production always limits
 * @param defaultLimit     what every client gets where no rule says otherwise
 * @param rules            stricter (or looser) limits for some endpoints; the first rule that matches a request wins
 * @param trustedProxyHops how many proxies in front of the gateway append to {@code X-Forwarded-For}; the client is
 *                         the address that many entries from the right. 0 (the default) trusts no header at all and
 *                         uses the connection's peer address
 * @param redisTimeout     the longest one rate-limit call to Redis may take before the local limiter decides
 * @param fallback         the per-replica limiter used while Redis cannot answer
 */
@Validated
@ConfigurationProperties("fruitfulplanet.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @Valid @NotNull @DefaultValue Limit defaultLimit,
        @Valid @NotNull @DefaultValue({}) List<Rule> rules,
        @PositiveOrZero @Max(10) @DefaultValue("0") int trustedProxyHops,
        @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 5) @DefaultValue("100ms") Duration redisTimeout,
        @Valid @NotNull @DefaultValue Fallback fallback) {

    /**
     * A budget of {@code requests} per {@code period}, refilled continuously (a token bucket), so a client may burst
     * up to {@code requests} and then gets one more every {@code period / requests}.
     */
    public record Limit(
            @Positive @DefaultValue("100") int requests,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration period) {
    }

    /**
     * A limit for some endpoints.
     *
     * @param name    names the bucket (in Redis keys and metrics), e.g. {@code auth}
     * @param methods the methods it covers; empty means all
     * @param paths   Spring path patterns it covers
     * @param limit   the budget
     * @param per     whose budget it is
     */
    public record Rule(
            @NotBlank String name,
            @DefaultValue({}) List<HttpMethod> methods,
            @NotEmpty List<String> paths,
            @Valid @NotNull Limit limit,
            @NotNull @DefaultValue("CLIENT") Per per) {
    }

    /** Whose budget a request spends. */
    public enum Per {
        /** The user of a valid access token, and the client address for requests without one (or with a bad one). */
        CLIENT,
        /** Always the client address, e.g. for logins, where the caller is not yet anyone. */
        ADDRESS
    }

    /**
     * @param maxClients          buckets kept per replica (least recently used ones are dropped beyond), so a flood
     *                            of addresses cannot exhaust memory
     * @param redisRetryInterval  after Redis failed repeatedly, how long the gateway uses only the local limiter
     *                            before it tries Redis again (no request waits for a Redis that is known to be down)
     */
    public record Fallback(
            @Positive @DefaultValue("100000") int maxClients,
            @NotNull @DurationMin(millis = 100) @DefaultValue("5s") Duration redisRetryInterval) {
    }
}
