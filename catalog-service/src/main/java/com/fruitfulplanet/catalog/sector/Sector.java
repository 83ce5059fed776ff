package com.fruitfulplanet.catalog.sector;

import java.time.Instant;
import java.util.UUID;

/** A top-level part of the shop ("Fruit", "Dairy"); brands belong to one. {@code externalId}: the 1C group. */
public record Sector(UUID id, String name, String slug, String description, String externalId, long version,
                     Instant createdAt, Instant updatedAt) {
}
