package com.fruitfulplanet.order.cart;

import java.time.Duration;
import java.util.Currency;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The carts in Redis ({@code fruitfulplanet.order.cart.*}).
 *
 * @param expireAfter a cart nobody changed for this long disappears (every change starts it again)
 * @param maxLines    most distinct products in one cart; one more is {@code 422 cart-full}
 * @param currency    the currency of the total of a cart with nothing available in it (the shop's currency)
 */
@ConfigurationProperties("fruitfulplanet.order.cart")
public record CartProperties(
        @DefaultValue("30d") Duration expireAfter,
        @DefaultValue("100") int maxLines,
        @DefaultValue("RUB") Currency currency) {

    public CartProperties {
        if (!expireAfter.isPositive() || maxLines < 1) {
            throw new IllegalArgumentException("expire-after must be positive and max-lines at least 1");
        }
    }
}
