package com.fruitfulplanet.catalog.bulk;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The bulk API's limits ({@code fruitfulplanet.catalog.bulk.*}).
 *
 * @param maxBodySize       the largest batch body read; {@code fruitfulplanet.web.max-request-size} (checked on the
 *                          declared length, for every endpoint) must be at least this
 * @param maxRowsPerSection the most rows one section of a batch may have; more is {@code 413 batch-too-large}
 */
@ConfigurationProperties("fruitfulplanet.catalog.bulk")
public record BulkProperties(@DefaultValue("32MB") DataSize maxBodySize,
                             @DefaultValue("10000") int maxRowsPerSection) {
}
