package com.fruitfulplanet.catalog.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code fruitfulplanet.catalog.demo-data.enabled}: load the demo catalog ({@link DemoCatalog}) when the service
 * starts with no products at all. Off unless set; devstack sets it for the local stack.
 */
@ConfigurationProperties("fruitfulplanet.catalog.demo-data")
public record DemoDataProperties(boolean enabled) {
}
