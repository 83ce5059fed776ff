package com.fruitfulplanet.order.cart;

import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.order.catalog.CatalogProduct;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/v1/cart} (API.md "Cart and orders"), priced now from the product read model. A line whose product
 * is no longer purchasable (deleted, inactive, unknown) stays in the cart, so the customer sees what became of it,
 * with {@code available: false}, no prices, and outside the total.
 */
record CartView(List<Item> items, Money total) {

    record Item(UUID productId, int quantity, Money unitPrice, Money lineTotal, boolean available) {
    }

    /**
     * Prices the lines with the products' current prices. All available products must share one currency (the
     * cart's); several make a 409 {@code mixed-currencies} rather than a sum of different money.
     */
    static CartView priced(List<CartLine> lines, Map<UUID, CatalogProduct> products, Currency shopCurrency) {
        List<Item> items = new ArrayList<>(lines.size());
        Currency currency = null;
        BigDecimal total = BigDecimal.ZERO;
        for (CartLine line : lines) {
            CatalogProduct product = products.get(line.productId());
            if (product == null) {
                items.add(new Item(line.productId(), line.quantity(), null, null, false));
                continue;
            }
            Money lineTotal = product.price().times(line.quantity());
            if (currency != null && !currency.equals(lineTotal.currency())) {
                throw CartProblems.mixedCurrencies();
            }
            currency = lineTotal.currency();
            total = total.add(lineTotal.amount());
            items.add(new Item(line.productId(), line.quantity(), product.price(), lineTotal, true));
        }
        Currency of = currency != null ? currency : shopCurrency;
        int digits = Math.max(of.getDefaultFractionDigits(), 0);
        return new CartView(List.copyOf(items), new Money(total.setScale(Math.max(total.scale(), digits)), of));
    }
}
