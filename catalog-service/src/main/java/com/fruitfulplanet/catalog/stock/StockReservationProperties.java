package com.fruitfulplanet.catalog.stock;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Stock reservations for the checkout saga, under {@code fruitfulplanet.catalog.reservations}.
 *
 * @param defaultHold   how long stock is held when ReserveStock names no {@code holdFor} (or a non-positive one)
 * @param maxHold       the longest hold an order may ask for; longer requests are cut to it
 * @param sweepInterval how often expired holds are released
 * @param sweepBatch    most reservations released per sweep transaction
 */
@ConfigurationProperties("fruitfulplanet.catalog.reservations")
public record StockReservationProperties(@DefaultValue("15m") Duration defaultHold,
                                         @DefaultValue("1h") Duration maxHold,
                                         @DefaultValue("5s") Duration sweepInterval,
                                         @DefaultValue("100") int sweepBatch) {

    public StockReservationProperties {
        requirePositive("default-hold", defaultHold);
        requirePositive("max-hold", maxHold);
        requirePositive("sweep-interval", sweepInterval);
        if (defaultHold.compareTo(maxHold) > 0) {
            throw new IllegalArgumentException("fruitfulplanet.catalog.reservations.default-hold (" + defaultHold
                    + ") must not exceed max-hold (" + maxHold + ")");
        }
        if (sweepBatch < 1 || sweepBatch > 10_000) {
            throw new IllegalArgumentException("fruitfulplanet.catalog.reservations.sweep-batch must be 1..10000: "
                    + sweepBatch);
        }
    }

    /** The hold for a request: the default when none (or a non-positive one) is asked for, never above the cap. */
    public Duration holdFor(Duration requested) {
        if (requested == null || requested.isNegative() || requested.isZero()) {
            return defaultHold;
        }
        return requested.compareTo(maxHold) > 0 ? maxHold : requested;
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("fruitfulplanet.catalog.reservations." + name + " must be positive: "
                    + value);
        }
    }
}
