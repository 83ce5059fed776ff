package com.fruitfulplanet.catalog.brand;

import com.fruitfulplanet.catalog.web.Slugs;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * Create or replace a brand. Without a slug one is made from the name (unique within the sector). {@code version},
 * when sent, must be the current one (else 409). Changing {@code sectorId} moves the brand and its products.
 */
public record BrandRequest(
        @NotNull UUID sectorId,
        @NotBlank @Size(max = 200) String name,
        @Size(max = Slugs.MAX_LENGTH) @Pattern(regexp = Slugs.PATTERN, message = "must be lower-case words joined by '-'")
        String slug,
        @Size(max = 5000) String description,
        @PositiveOrZero Long version) {

    String slugOrFromName() {
        return slug != null ? slug : Slugs.of(name, "brand");
    }

    String descriptionOrEmpty() {
        return description == null ? "" : description;
    }
}
