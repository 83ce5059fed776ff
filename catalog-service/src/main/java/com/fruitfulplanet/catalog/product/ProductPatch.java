package com.fruitfulplanet.catalog.product;

import com.fruitfulplanet.contracts.money.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * PATCH: the fields to change, the others stay (a merge patch without deletion: send "" to empty a description,
 * {} or [] to empty attributes or images). {@code version} (or If-Match) makes it conditional; without one the patch
 * still applies atomically to the version it was merged with.
 */
public record ProductPatch(
        @Size(min = 1, max = 64) @Pattern(regexp = "^[\\p{Alnum}][\\p{Alnum}._/-]*$",
                message = "must be letters, digits and . _ / - (starting with a letter or digit)") String sku,
        @Size(min = 1, max = 500) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Size(max = 20_000) String description,
        UUID brandId,
        @Valid Money price,
        @Size(max = 100) Map<String, Object> attributes,
        @Size(max = 20) List<@Size(min = 1, max = 2000) @Pattern(regexp = ProductRequest.IMAGE_URL,
                message = "must be an http(s) URL or a path") String> images,
        ProductStatus status,
        @PositiveOrZero Long version) {

    /** The full request this patch makes of the current product. */
    ProductRequest applyTo(ProductView current) {
        return new ProductRequest(
                sku != null ? sku : current.sku(),
                name != null ? name : current.name(),
                description != null ? description : current.description(),
                brandId != null ? brandId : current.brandId(),
                price != null ? price : current.price(),
                attributes != null ? attributes : current.attributes(),
                images != null ? images : current.images(),
                status != null ? status : current.status(),
                current.version());
    }
}
