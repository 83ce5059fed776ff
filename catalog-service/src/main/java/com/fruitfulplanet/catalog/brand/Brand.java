package com.fruitfulplanet.catalog.brand;

import java.time.Instant;
import java.util.UUID;

/** A brand within one sector; products belong to one brand. {@code externalId}: the 1C id it came with. */
public record Brand(UUID id, UUID sectorId, String name, String slug, String description, String externalId,
                    long version, Instant createdAt, Instant updatedAt) {
}
