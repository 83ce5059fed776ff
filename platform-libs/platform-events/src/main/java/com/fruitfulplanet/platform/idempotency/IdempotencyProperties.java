package com.fruitfulplanet.platform.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code fruitfulplanet.idempotency.*}.
 *
 * @param retention       how long a response is replayed (API.md: at least 24 h)
 * @param claimTimeout    how long a request may run before its claim counts as abandoned (the process died) and the
 *                        same key may run again; until then a retry is answered 409
 * @param cleanupInterval how often expired rows are deleted
 */
@ConfigurationProperties("fruitfulplanet.idempotency")
public record IdempotencyProperties(@DefaultValue("48h") Duration retention,
                                    @DefaultValue("30s") Duration claimTimeout,
                                    @DefaultValue("10m") Duration cleanupInterval) {

    public IdempotencyProperties {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("fruitfulplanet.idempotency.retention must be at least 24h "
                    + "(API.md promises replays for 24 hours), was " + retention);
        }
        if (claimTimeout.isNegative() || claimTimeout.isZero() || cleanupInterval.isNegative()
                || cleanupInterval.isZero()) {
            throw new IllegalArgumentException("fruitfulplanet.idempotency durations must be positive");
        }
    }
}
