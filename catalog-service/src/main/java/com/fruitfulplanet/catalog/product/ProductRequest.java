package com.fruitfulplanet.catalog.product;

import com.fruitfulplanet.contracts.money.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Create (POST) or replace (PUT) a product, API.md's {@code {sku, name, description, brandId, price: Money,
 * attributes?, images?}}. {@code status} defaults to ACTIVE; {@code version}, when sent (or as If-Match), must be the
 * current one (else 409). The sector is the brand's.
 */
public record ProductRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "^[\\p{Alnum}][\\p{Alnum}._/-]*$",
                message = "must be letters, digits and . _ / - (starting with a letter or digit)") String sku,
        @NotBlank @Size(max = 500) String name,
        @Size(max = 20_000) String description,
        @NotNull UUID brandId,
        @NotNull @Valid Money price,
        @Size(max = 100) Map<String, Object> attributes,
        @Size(max = 20) List<@NotBlank @Size(max = 2000) @Pattern(regexp = IMAGE_URL,
                message = "must be an http(s) URL or a path") String> images,
        ProductStatus status,
        @PositiveOrZero Long version) {

    /** An absolute http(s) URL or a path on the shop's own media host, without spaces. */
    public static final String IMAGE_URL = "^(https?://[^\\s]+|/[^\\s]*)$";
}
