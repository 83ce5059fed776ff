package com.fruitfulplanet.auth.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** auth-service's own settings ({@code fruitfulplanet.auth.*}); see application.yml for what each is for. */
@Validated
@ConfigurationProperties("fruitfulplanet.auth")
public record AuthProperties(@Valid @NotNull Tokens tokens, @Valid @NotNull Passwords passwords,
        @Valid @NotNull LoginThrottle loginThrottle, @NotNull BootstrapAdmin bootstrapAdmin) {

    /**
     * @param signingKeys      a private JWK set (JSON) from a Secret; blank means "generate once and keep in the
     *                         schema"
     * @param activeKeyId      which of the configured keys signs; blank means the first
     * @param retiredKeyGrace  how long a retired key stays published: longer than an access token lives
     * @param keyReloadInterval how often a replica re-reads the keys, so a rotation done elsewhere reaches it
     */
    public record Tokens(@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("7d") Duration refreshTokenTtl,
            String signingKeys, String activeKeyId, @DefaultValue("1h") Duration retiredKeyGrace,
            @DefaultValue("30s") Duration keyReloadInterval) {
    }

    /**
     * @param hashingThreads at most this many hashes run at once, on their own threads, never on the event loop
     * @param hashingQueue   further requests wait here; beyond it they get 503 at once instead of piling up
     */
    public record Passwords(@DefaultValue("19456") @Min(8192) int memoryKib, @DefaultValue("2") @Min(1) int iterations,
            @DefaultValue("2") @Min(1) @Max(64) int hashingThreads, @DefaultValue("64") @Min(1) int hashingQueue) {
    }

    /**
     * Failed logins: the first {@code freeFailures} per account cost nothing; each further one locks the account
     * (for this address only: the key is the email as typed, existing or not) for twice as long as the last, up to
     * {@code maxDelay}, and the count is forgotten after {@code window} without failures. With the defaults an
     * attacker gets at most about 70 guesses an hour at one account and the owner waits at most a minute. An address
     * failing {@code ipMaxFailures} times within {@code ipWindow} is refused for the rest of that window.
     */
    public record LoginThrottle(@DefaultValue("5") @Min(1) int freeFailures, @DefaultValue("60s") Duration maxDelay,
            @DefaultValue("1h") Duration window, @DefaultValue("100") @Min(1) int ipMaxFailures,
            @DefaultValue("15m") Duration ipWindow, @DefaultValue("200ms") Duration redisTimeout) {
    }

    public record BootstrapAdmin(String email, String password, @DefaultValue("Administrator") String name) {

        public boolean configured() {
            return email != null && !email.isBlank() && password != null && !password.isBlank();
        }
    }
}
