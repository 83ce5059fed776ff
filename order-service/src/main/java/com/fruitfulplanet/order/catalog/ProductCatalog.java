package com.fruitfulplanet.order.catalog;

import com.fruitfulplanet.contracts.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Currency;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What can be bought, and at which price, from the read model of the catalog ({@code catalog_product}, kept by
 * {@link ProductReadModel}). Never calls catalog-service: the cart and checkout keep working while it is down, at
 * the prices of the last events received.
 */
@Component
public class ProductCatalog {

    private final DatabaseClient db;

    ProductCatalog(DatabaseClient db) {
        this.db = db;
    }

    /** The purchasable state of these products; ids unknown, deleted or inactive are absent from the map. */
    public Mono<Map<UUID, CatalogProduct>> purchasable(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                        SELECT product_id, sku, name, price_amount, currency
                          FROM catalog_product
                         WHERE product_id = ANY(:ids) AND active AND NOT deleted""")
                .bind("ids", ids.stream().distinct().toArray(UUID[]::new))
                .map(row -> new CatalogProduct(row.get("product_id", UUID.class), row.get("sku", String.class),
                        row.get("name", String.class),
                        money(row.get("price_amount", BigDecimal.class), row.get("currency", String.class)), true))
                .all()
                .collectMap(CatalogProduct::id);
    }

    /** numeric(19, 2) comes back with two decimals; a currency with fewer (JPY) gets its own scale back. */
    private static Money money(BigDecimal amount, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode);
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        return new Money(amount.setScale(digits, RoundingMode.UNNECESSARY), currency);
    }
}
