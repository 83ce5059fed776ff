package com.fruitfulplanet.order.cart;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/**
 * {@code PUT /api/v1/cart/items/{productId}}: how many of the product the cart should hold, 0 to remove it. Read as a
 * decimal so that every bad number is a field error: as an integer type, JSON's {@code 1.5} would silently become 1
 * and a huge number would be unreadable JSON instead.
 */
record CartItemRequest(
        @Schema(type = "integer", minimum = "0", maximum = "999", example = "2")
        @NotNull @DecimalMin("0") @DecimalMax("999") @Digits(integer = 3, fraction = 0) BigDecimal quantity) {
}
