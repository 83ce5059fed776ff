package com.fruitfulplanet.catalog.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The catalog read cache in Redis.
 *
 * @param enabled          off: every read goes to PostgreSQL (the cache is only ever an optimisation)
 * @param productFreshFor  how long a cached product is served as is; after that it is still served while one
 *                         caller (in the whole cluster) reloads it, so a hot key never expires under load
 * @param productKeepFor   how long a product stays in Redis at all (must exceed productFreshFor)
 * @param listingFreshFor  the same for listing pages, shorter: any product change invalidates every page anyway
 * @param listingKeepFor   how long a listing page stays in Redis at all
 * @param redisTimeout     a Redis call slower than this counts as an error and the read goes to PostgreSQL
 * @param refreshLockFor   how long one caller holds the right to reload a stale entry
 */
@ConfigurationProperties("fruitfulplanet.catalog.cache")
public record CacheProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60s") Duration productFreshFor,
        @DefaultValue("10m") Duration productKeepFor,
        @DefaultValue("15s") Duration listingFreshFor,
        @DefaultValue("2m") Duration listingKeepFor,
        @DefaultValue("250ms") Duration redisTimeout,
        @DefaultValue("5s") Duration refreshLockFor) {

    public CacheProperties {
        if (!productKeepFor.minus(productFreshFor).isPositive() || !listingKeepFor.minus(listingFreshFor).isPositive()) {
            throw new IllegalArgumentException("keep-for must be longer than fresh-for");
        }
    }
}
