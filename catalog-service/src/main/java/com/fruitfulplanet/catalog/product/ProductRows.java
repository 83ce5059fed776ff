package com.fruitfulplanet.catalog.product;

import com.fruitfulplanet.contracts.money.Money;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a product is read: the one SELECT list (table alias {@code p}) that by-id reads and listings share, and its
 * mapping to {@link ProductView}. Availability and the other price types come from correlated subqueries that use
 * the primary keys of {@code stock_level} and {@code product_price}.
 */
@Component
public final class ProductRows {

    public static final String COLUMNS = """
            p.id, p.sku, p.name, p.description, p.brand_id, p.sector_id, p.price_amount, p.currency,
            p.images, p.attributes::text AS attributes, p.status, p.external_id, p.version, p.created_at,
            p.updated_at,
            (SELECT COALESCE(sum(s.on_hand - s.reserved), 0)::int FROM stock_level s WHERE s.product_id = p.id)
                AS available_quantity,
            (SELECT string_agg(pt.code || '=' || pp.amount || '=' || pp.currency, ';')
               FROM product_price pp JOIN price_type pt ON pt.id = pp.price_type_id
              WHERE pp.product_id = p.id AND NOT pt.is_default) AS other_prices""";

    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
    };

    private final JsonMapper json;

    public ProductRows(JsonMapper json) {
        this.json = json;
    }

    public ProductView map(Readable row) {
        String[] images = row.get("images", String[].class);
        return new ProductView(
                row.get("id", UUID.class),
                row.get("sku", String.class),
                row.get("name", String.class),
                row.get("description", String.class),
                row.get("brand_id", UUID.class),
                row.get("sector_id", UUID.class),
                money(row.get("price_amount", BigDecimal.class), row.get("currency", String.class)),
                otherPrices(row.get("other_prices", String.class)),
                row.get("available_quantity", Integer.class),
                images == null ? List.of() : Arrays.asList(images),
                json.readValue(row.get("attributes", String.class), ATTRIBUTES),
                ProductStatus.valueOf(row.get("status", String.class)),
                row.get("external_id", String.class),
                row.get("version", Long.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }

    static Money money(BigDecimal amount, String currency) {
        Currency code = Currency.getInstance(currency.strip());
        return new Money(amount.setScale(Math.max(0, code.getDefaultFractionDigits())), code);
    }

    private static Map<String, Money> otherPrices(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return Map.of();
        }
        return Arrays.stream(encoded.split(";"))
                .map(entry -> entry.split("="))
                .collect(Collectors.toUnmodifiableMap(parts -> parts[0],
                        parts -> money(new BigDecimal(parts[1]), parts[2])));
    }
}
