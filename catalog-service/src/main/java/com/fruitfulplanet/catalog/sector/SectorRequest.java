package com.fruitfulplanet.catalog.sector;

import com.fruitfulplanet.catalog.web.Slugs;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Create or replace a sector. Without a slug one is made from the name. {@code version}, when sent, must be the
 * current one (else 409): the optimistic lock for editors working at the same time.
 */
public record SectorRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = Slugs.MAX_LENGTH) @Pattern(regexp = Slugs.PATTERN, message = "must be lower-case words joined by '-'")
        String slug,
        @Size(max = 5000) String description,
        @PositiveOrZero Long version) {

    String slugOrFromName() {
        return slug != null ? slug : Slugs.of(name, "sector");
    }

    String descriptionOrEmpty() {
        return description == null ? "" : description;
    }
}
