package com.fruitfulplanet.order.orders;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/orders}: the products and quantities (or {@code fromCart: true} for the cart's), where to ship
 * and how to pay. Never prices: those are the catalog's.
 */
public record PlaceOrderRequest(@Size(max = PlaceOrderRequest.MAX_LINES) List<@Valid @NotNull Item> items,
                                @Nullable Boolean fromCart,
                                @NotNull @Valid ShippingAddress shippingAddress,
                                @NotNull @Valid PaymentMethod paymentMethod) {

    static final int MAX_LINES = 100;

    public record Item(@NotNull UUID productId, @NotNull @Min(1) @Max(999) Integer quantity) {
    }

    /** A card, as the payment provider's token (the card number never reaches us). */
    public record PaymentMethod(@NotNull @Pattern(regexp = "card", message = "must be \"card\"") String type,
                                @NotBlank @Size(max = 255) String token,
                                @Nullable @Size(max = 50) String provider) {
    }

    boolean takesCart() {
        return Boolean.TRUE.equals(fromCart);
    }
}
