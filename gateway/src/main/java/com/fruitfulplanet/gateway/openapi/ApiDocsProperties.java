package com.fruitfulplanet.gateway.openapi;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code fruitfulplanet.gateway.api-docs.*}: how the gateway collects the services' OpenAPI documents.
 *
 * @param fetchTimeout     how long to wait for one service's document; a service slower than this is listed as
 *                         unavailable rather than holding up the whole document
 * @param cacheTtl         how long the merged document is reused when every service answered
 * @param degradedCacheTtl how long it is reused when a service was missing, shorter so that a service coming back
 *                         appears soon
 */
@ConfigurationProperties("fruitfulplanet.gateway.api-docs")
public record ApiDocsProperties(
        @DefaultValue("3s") Duration fetchTimeout,
        @DefaultValue("30s") Duration cacheTtl,
        @DefaultValue("5s") Duration degradedCacheTtl) {
}
