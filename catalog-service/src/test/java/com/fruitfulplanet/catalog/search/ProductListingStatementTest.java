package com.fruitfulplanet.catalog.search;

import static com.fruitfulplanet.catalog.search.ListingQueryTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The SQL the listing builds; that PostgreSQL runs it on indexes is ProductListingExplainIT's job. */
class ProductListingStatementTest {

    private static final UUID ID = UUID.fromString("5d7a8c1e-2b3f-4e6a-9c0d-1e2f3a4b5c6d");
    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.678901Z");

    @Test
    void listsLiveActiveProductsNewestFirstWithIdAsTieBreaker() {
        ProductListing.Statement statement = ProductListing.statement(parse(Map.of()));

        assertThat(statement.sql()).contains("WHERE p.deleted_at IS NULL\n  AND p.status = 'ACTIVE'")
                .endsWith("ORDER BY p.created_at DESC, p.id DESC\nLIMIT $1::int");
        assertThat(statement.bindings()).containsExactly(21);
    }

    @Test
    void oneDirectionPagesWithARowComparison() {
        ListingQuery query = parse(Map.of("sort", "price,name", "limit", "7"));
        query = query.after(new ListingQuery.After(List.of(new BigDecimal("10.5"), "Груши"), ID));

        ProductListing.Statement statement = ProductListing.statement(query);

        assertThat(statement.sql())
                .contains("AND (p.price_amount, p.name COLLATE \"C\", p.id) > ($1::numeric, $2::text, $3::uuid)")
                .endsWith("ORDER BY p.price_amount ASC, p.name COLLATE \"C\" ASC, p.id ASC\nLIMIT $4::int");
        assertThat(statement.bindings()).containsExactly(new BigDecimal("10.5"), "Груши", ID, 8);
    }

    @Test
    void mixedDirectionsPageWithTheExpandedComparison() {
        ListingQuery query = parse(Map.of("sort", "price,-createdAt"));
        query = query.after(new ListingQuery.After(List.of(BigDecimal.TEN, AT), ID));

        String sql = ProductListing.statement(query).sql();

        assertThat(sql).contains("""
                  AND p.price_amount >= $1::numeric
                  AND ((p.price_amount > $1::numeric)
                       OR (p.price_amount = $1::numeric AND p.created_at < $2::timestamptz)
                       OR (p.price_amount = $1::numeric AND p.created_at = $2::timestamptz AND p.id < $3::uuid))
                ORDER BY p.price_amount ASC, p.created_at DESC, p.id DESC""");
    }

    @Test
    void filtersAreBoundNeverWritten() {
        String hostile = "x'); DROP TABLE product; --";
        ListingQuery query = parse(Map.of("q", hostile, "sku", hostile, "sector", ID.toString(),
                "brand", ID.toString(), "minPrice", "1", "maxPrice", "2", "inStock", "true"));

        ProductListing.Statement statement = ProductListing.statement(query);

        assertThat(statement.sql()).doesNotContain("DROP").contains(
                "AND p.search_vector @@ (websearch_to_tsquery('russian', $1::text)",
                "AND p.sector_id = $2::uuid", "AND p.brand_id = $3::uuid", "AND p.price_amount >= $4::numeric",
                "AND p.price_amount <= $5::numeric", "AND lower(p.sku) = lower($6::text)",
                "AND EXISTS (SELECT 1 FROM stock_level s WHERE s.product_id = p.id AND s.on_hand > s.reserved)");
        assertThat(statement.bindings()).contains(hostile.toLowerCase(), new BigDecimal("1"), new BigDecimal("2"));
    }

    @Test
    void ranksOnlyWhenRelevanceOrders() {
        assertThat(ProductListing.statement(parse(Map.of("q", "tea"))).sql()).contains(" AS relevance");
        assertThat(ProductListing.statement(parse(Map.of("q", "tea", "sort", "price"))).sql())
                .contains("AND p.search_vector @@ (websearch_to_tsquery('russian', $1::text)")
                .doesNotContain("ts_rank_cd");
    }

    @Test
    void searchRanksAndPagesByRelevance() {
        ListingQuery query = parse(Map.of("q", "\"green tea\""));
        query = query.after(new ListingQuery.After(List.of(0.5f), ID));

        ProductListing.Statement statement = ProductListing.statement(query);

        String tsquery = "(websearch_to_tsquery('russian', $1::text) || websearch_to_tsquery('english', $1::text)"
                + " || websearch_to_tsquery('simple', $1::text))";
        assertThat(statement.sql())
                .contains("ts_rank_cd(p.search_vector, " + tsquery + ") AS relevance")
                .contains("AND (ts_rank_cd(p.search_vector, " + tsquery + "), p.id) < ($2::real, $3::uuid)")
                .contains("ORDER BY ts_rank_cd(p.search_vector, " + tsquery + ") DESC, p.id DESC");
        assertThat(statement.bindings()).containsExactly("\"green tea\"", 0.5f, ID, 21);
    }

    @Test
    void theLastPlainWordIsAlsoAPrefix() {
        assertThat(ProductListing.statement(parse(Map.of("q", "Зелёные ябл"))).bindings())
                .containsExactly("зелёные ябл", "зелёные", "ябл:*", 21);
        assertThat(ProductListing.statement(parse(Map.of("q", "ябл"))).sql())
                .contains("|| (to_tsquery('simple', $2::text)))");
        assertThat(ProductListing.prefix("ябл")).contains(new ProductListing.Prefix("", "ябл"));
        assertThat(ProductListing.prefix("tea ab")).isEmpty();
        assertThat(ProductListing.prefix("green -tea")).isEmpty();
        assertThat(ProductListing.prefix("\"green tea\" lea")).isEmpty();
        assertThat(ProductListing.prefix("apple or pea")).isEmpty();
        assertThat(ProductListing.prefix("fp-7731")).isEmpty();
    }
}
