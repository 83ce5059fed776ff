package com.fruitfulplanet.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fruitfulplanet.platform.paging.Cursors;
import com.fruitfulplanet.platform.problem.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.web.ErrorResponseException;

class ListingQueryTest {

    private static final String SECTOR = "0b7e3c9e-8a41-4d55-9f0e-2f1d6c3b9a10";
    private static final UUID ID = UUID.fromString("5d7a8c1e-2b3f-4e6a-9c0d-1e2f3a4b5c6d");

    @Test
    void equalQueriesSpelledDifferentlyHaveOneCacheKey() {
        ListingQuery a = parse(Map.of("q", "  Зелёные\tЯблоки  ", "sector", SECTOR.toUpperCase(),
                "minPrice", "10.50", "inStock", "false", "limit", "20"));
        ListingQuery b = parse(Map.of("q", "зелёные яблоки", "sector", SECTOR, "minPrice", "10.5",
                "sort", "relevance"));
        // "ё" as е + combining diaeresis is the same query after NFC.
        ListingQuery c = parse(Map.of("q", "зеле\u0308ные  яблоки", "sector", SECTOR, "minPrice", "010.500"));

        assertThat(a).isEqualTo(b).isEqualTo(c);
        assertThat(a.cacheKey()).isEqualTo(b.cacheKey()).isEqualTo(c.cacheKey());
        assertThat(a.q()).isEqualTo("зелёные яблоки");
        assertThat(a.sort()).isEqualTo(ListingQuery.SEARCH_SORT);
    }

    @Test
    void differentQueriesHaveDifferentCacheKeys() {
        ListingQuery base = parse(Map.of("brand", SECTOR));
        List<ListingQuery> others = List.of(
                parse(Map.of("brand", SECTOR, "inStock", "true")),
                parse(Map.of("brand", SECTOR, "limit", "21")),
                parse(Map.of("brand", SECTOR, "sort", "createdAt")),
                parse(Map.of("sector", SECTOR)),
                parse(Map.of("brand", SECTOR, "sku", "A-1")),
                parse(Map.of("brand", SECTOR, "maxPrice", "5")),
                // A q that spells other parameters must not collide with them.
                parse(Map.of("q", "x&brand=" + SECTOR)),
                base.after(new ListingQuery.After(List.of(Instant.parse("2025-01-01T00:00:00Z")), ID)));
        assertThat(others).extracting(ListingQuery::cacheKey).doesNotHaveDuplicates()
                .doesNotContain(base.cacheKey());
    }

    @Test
    void defaultOrderIsNewestFirstWithoutQAndRelevanceWithQ() {
        assertThat(parse(Map.of()).sort()).containsExactly(new SortKey(SortKey.Field.CREATED_AT, true));
        assertThat(parse(Map.of("q", "tea")).sort()).containsExactly(new SortKey(SortKey.Field.RELEVANCE, true));
        assertThat(parse(Map.of()).limit()).isEqualTo(Cursors.DEFAULT_LIMIT);
        assertThat(parse(Map.of("q", "   ")).q()).isNull();
    }

    @Test
    void sortFieldsKeepTheirOrderAndDirections() {
        ListingQuery query = parse(Map.of("sort", "price, -createdAt,name"));
        assertThat(query.sort()).containsExactly(new SortKey(SortKey.Field.PRICE, false),
                new SortKey(SortKey.Field.CREATED_AT, true), new SortKey(SortKey.Field.NAME, false));
        assertThat(query.identity()).endsWith("sort=price%2C-createdAt%2Cname");
    }

    @Test
    void aCursorContinuesTheQueryItWasMadeFor() {
        ListingQuery query = parse(Map.of("brand", SECTOR, "sort", "-price,name,updatedAt"));
        List<Object> values = List.of(new BigDecimal("10.50"), "Зелёные | яблоки %7C,\n",
                Instant.parse("2025-03-04T05:06:07.123456Z"));
        String cursor = query.cursorAfter(values, ID);

        ListingQuery next = parse(Map.of("brand", SECTOR.toUpperCase(), "sort", "-price,name,updatedAt",
                "limit", "7", "cursor", cursor));

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(next.after().id()).isEqualTo(ID);
        assertThat(next.after().values()).containsExactly(new BigDecimal("10.5"), values.get(1), values.get(2));
        assertThat(next.limit()).isEqualTo(7);
    }

    @Test
    void aCursorAfterTheLongestNameStillFitsInAUrl() {
        ListingQuery query = parse(Map.of("sort", "name"));
        String cursor = query.cursorAfter(List.of("Щ|%".repeat(166) + "ЩЩ"), ID);

        // Netty refuses request lines over 4096 bytes.
        assertThat(cursor.length()).isLessThan(2500);
        assertThat(parse(Map.of("sort", "name", "cursor", cursor)).after().values())
                .containsExactly("Щ|%".repeat(166) + "ЩЩ");
    }

    @Test
    void aRelevanceCursorKeepsTheExactRank() {
        ListingQuery query = parse(Map.of("q", "apple"));
        float rank = 0.1f + 0.2f;
        ListingQuery next = parse(Map.of("q", "Apple", "cursor", query.cursorAfter(List.of(rank), ID)));
        assertThat(next.after().values()).containsExactly(rank);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = ';', value = {
            "sector;not-a-uuid",
            "sector;1-2-3-4-5",
            "brand;0b7e3c9e8a414d559f0e2f1d6c3b9a10",
            "minPrice;-1",
            "minPrice;abc",
            "minPrice;1e3",
            "maxPrice;1.001",
            "maxPrice;123456789012345678",
            "maxPrice;NaN",
            "inStock;yes",
            "limit;0",
            "limit;101",
            "limit;ten",
            "limit;99999999999",
            "sort;popularity",
            "sort;price,-price",
            "sort;price,name,createdAt,updatedAt",
            "sort;price,,name",
            "sort;relevance",
            "sku;" + "0123456789012345678901234567890123456789012345678901234567890123456789",
            "sku;A\u0000B",
            "cursor;!!!not base64!!!",
            "cursor;Z2FyYmFnZQ",
    })
    void rejectsABadField(String field, String value) {
        assertThat(errors(Map.of(field, value))).extracting(FieldError::field).containsExactly(field);
    }

    @Test
    void rejectsMinPriceAboveMaxPrice() {
        assertThat(errors(Map.of("minPrice", "10", "maxPrice", "9.99")))
                .containsExactly(new FieldError("minPrice", "must not be greater than maxPrice"));
        assertThat(parse(Map.of("minPrice", "10", "maxPrice", "10.00")).minPrice()).isEqualByComparingTo("10");
    }

    @Test
    void rejectsALongQ() {
        assertThat(errors(Map.of("q", "я".repeat(201)))).extracting(FieldError::field).containsExactly("q");
        assertThat(parse(Map.of("q", "я".repeat(200) + "   ")).q()).hasSize(200);
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        assertThat(errors(Map.of("sector", "x", "brand", "y", "limit", "0", "sort", "colour")))
                .extracting(FieldError::field).containsExactlyInAnyOrder("sector", "brand", "limit", "sort");
    }

    @Test
    void refusesACursorOfAnotherQuery() {
        String cursor = parse(Map.of("brand", SECTOR)).cursorAfter(List.of(Instant.now()), ID);

        assertThat(errors(Map.of("sector", SECTOR, "cursor", cursor)))
                .containsExactly(new FieldError("cursor", "belongs to another query; start again without a cursor"));
        assertThat(errors(Map.of("brand", SECTOR, "sort", "price", "cursor", cursor)))
                .extracting(FieldError::field).containsExactly("cursor");
        assertThat(errors(Map.of("brand", SECTOR, "inStock", "true", "cursor", cursor)))
                .extracting(FieldError::field).containsExactly("cursor");
    }

    @Test
    void refusesACursorWhoseValuesAreNotOurs() {
        ListingQuery query = parse(Map.of("sort", "createdAt"));
        String good = Cursors.decode(query.cursorAfter(List.of(Instant.parse("2025-01-01T00:00:00Z")), ID));
        String prefix = good.substring(0, good.indexOf('|', 2) + 1);
        for (String position : List.of(ID + "|yesterday", ID + "|+999999-01-01T00:00:00Z", "42|2025-01-01T00:00:00Z",
                ID.toString(), ID + "|2025-01-01T00:00:00Z|extra", ID + "|%zz")) {
            assertThat(errors(Map.of("sort", "createdAt", "cursor", Cursors.encode(prefix + position))))
                    .as(position).containsExactly(new FieldError("cursor", "is not a cursor this API returned"));
        }
    }

    @Test
    void relevanceOnlyWithQAndOnlyBestFirst() {
        assertThat(errors(Map.of("q", "tea", "sort", "-relevance"))).extracting(FieldError::field)
                .containsExactly("sort");
        assertThat(parse(Map.of("q", "tea", "sort", "price,relevance")).sort()).containsExactly(
                new SortKey(SortKey.Field.PRICE, false), new SortKey(SortKey.Field.RELEVANCE, true));
    }

    static ListingQuery parse(Map<String, String> parameters) {
        return ListingQuery.parse(parameters(parameters));
    }

    static ListingQuery.Parameters parameters(Map<String, String> parameters) {
        Map<String, String> p = new HashMap<>(parameters);
        ListingQuery.Parameters result = new ListingQuery.Parameters(p.remove("q"), p.remove("sector"),
                p.remove("brand"), p.remove("minPrice"), p.remove("maxPrice"), p.remove("inStock"), p.remove("sku"),
                p.remove("sort"), p.remove("limit"), p.remove("cursor"));
        assertThat(p).as("unknown parameters").isEmpty();
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<FieldError> errors(Map<String, String> parameters) {
        ErrorResponseException problem = catchThrowableOfType(ErrorResponseException.class,
                () -> parse(parameters));
        assertThat(problem).as("a problem for " + parameters).isNotNull();
        assertThat(problem.getStatusCode().value()).isEqualTo(400);
        return (List<FieldError>) problem.getBody().getProperties().get("errors");
    }
}
