package com.fruitfulplanet.catalog.search;

import static com.fruitfulplanet.catalog.search.ListingClient.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.catalog.CatalogFixtures;
import com.fruitfulplanet.catalog.CatalogIntegrationTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;

/** GET /api/v1/products: each filter, every order, validation, public access. Data scoped by own sectors. */
class ProductListingIT extends CatalogIntegrationTest {

    private ListingClient listing;
    private CatalogFixtures fixtures;

    @BeforeEach
    void setUp() {
        listing = new ListingClient(client);
        fixtures = fixtures();
    }

    @Test
    void filtersBySectorBrandPriceStockAndSku() {
        UUID sector = fixtures.sector();
        UUID otherSector = fixtures.sector();
        UUID brand1 = fixtures.brand(sector);
        UUID brand2 = fixtures.brand(sector);
        UUID otherBrand = fixtures.brand(otherSector);
        String sku4 = CatalogFixtures.uniqueSku("LST");
        UUID p1 = fixtures.product(brand1, CatalogFixtures.uniqueSku("LST"), "Tea", "", "10.00", 5);
        UUID p2 = fixtures.product(brand1, CatalogFixtures.uniqueSku("LST"), "Coffee", "", "20.00", 0);
        UUID p3 = fixtures.product(brand2, CatalogFixtures.uniqueSku("LST"), "Milk", "", "30.00", 3);
        UUID p4 = fixtures.product(brand2, sku4, "Honey", "", "20.00", 1);
        UUID p5 = fixtures.product(otherBrand, CatalogFixtures.uniqueSku("LST"), "Jam", "", "15.00", 9);
        // All of p3's stock is reserved: on hand, but not available.
        db.sql("UPDATE stock_level SET reserved = on_hand WHERE product_id = $1").bind(0, p3).then().block();
        // Never listed: not ACTIVE, or deleted.
        UUID draft = fixtures.product(brand1, CatalogFixtures.uniqueSku("LST"), "Draft", "", "10.00", 5);
        UUID archived = fixtures.product(brand1, CatalogFixtures.uniqueSku("LST"), "Archived", "", "10.00", 5);
        UUID deleted = fixtures.product(brand1, CatalogFixtures.uniqueSku("LST"), "Deleted", "", "10.00", 5);
        db.sql("UPDATE product SET status = 'DRAFT' WHERE id = $1").bind(0, draft).then().block();
        db.sql("UPDATE product SET status = 'ARCHIVED' WHERE id = $1").bind(0, archived).then().block();
        db.sql("UPDATE product SET deleted_at = now() WHERE id = $1").bind(0, deleted).then().block();
        String s = sector.toString();

        assertThat(listing.page("sector", s).ids()).containsExactlyInAnyOrder(p1, p2, p3, p4);
        assertThat(listing.page("sector", otherSector.toString()).ids()).containsExactly(p5);
        assertThat(listing.page("brand", brand1.toString()).ids()).containsExactlyInAnyOrder(p1, p2);
        assertThat(listing.page("sector", s, "brand", otherBrand.toString()).ids()).isEmpty();
        assertThat(listing.page("sector", s, "minPrice", "15", "maxPrice", "20").ids())
                .containsExactlyInAnyOrder(p2, p4);
        assertThat(listing.page("sector", s, "minPrice", "20.00").ids()).containsExactlyInAnyOrder(p2, p3, p4);
        assertThat(listing.page("sector", s, "maxPrice", "19.99").ids()).containsExactly(p1);
        assertThat(listing.page("sector", s, "minPrice", "20", "maxPrice", "20").ids())
                .containsExactlyInAnyOrder(p2, p4);
        assertThat(listing.page("sector", s, "inStock", "true").ids()).containsExactlyInAnyOrder(p1, p4);
        assertThat(listing.page("sector", s, "inStock", "false").ids()).containsExactlyInAnyOrder(p1, p2, p3, p4);
        assertThat(listing.page("sku", sku4.toLowerCase()).ids()).containsExactly(p4);
        assertThat(listing.page("sku", " " + sku4 + " ", "sector", s).ids()).containsExactly(p4);
        assertThat(listing.page("sku", sku4.substring(0, sku4.length() - 1)).ids()).isEmpty();
        assertThat(listing.page("sku", sku4, "brand", brand1.toString()).ids()).isEmpty();

        ListingClient.Listing page = listing.page("brand", brand1.toString(), "sort", "price");
        assertThat(page.nextCursor()).isNull();
        var item = page.item(p1);
        assertThat(item.path("sku").asString()).startsWith("LST-");
        assertThat(item.path("name").asString()).isEqualTo("Tea");
        assertThat(item.path("price").path("amount").asString()).isEqualTo("10.00");
        assertThat(item.path("price").path("currency").asString()).isEqualTo("RUB");
        assertThat(item.path("availableQuantity").asInt()).isEqualTo(5);
        assertThat(item.path("brandId").asString()).isEqualTo(brand1.toString());
        assertThat(item.path("sectorId").asString()).isEqualTo(s);
        assertThat(item.path("status").asString()).isEqualTo("ACTIVE");
    }

    /** A product with the values every order reads, set explicitly so the expected order is known. */
    private record Row(UUID id, String name, BigDecimal price, Instant createdAt, Instant updatedAt) {
    }

    @Test
    void ordersByEveryFieldAndSeveralFieldsWithIdBreakingTies() {
        UUID sector = fixtures.sector();
        UUID brand = fixtures.brand(sector);
        Instant base = Instant.parse("2025-06-01T12:00:00.000001Z");
        // Names in byte order (COLLATE "C"): upper case before lower case, Latin before Cyrillic.
        String[] names = {"banana", "Apple", "apple", "Яблоко", "Banana split", "cherry", "ёжевика", "apple"};
        String[] prices = {"20.00", "10.00", "20.00", "5.50", "20.00", "10.00", "5.50", "20.00"};
        int[] created = {3, 1, 3, 7, 2, 5, 3, 0};
        int[] updated = {1, 6, 2, 2, 4, 0, 5, 3};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            UUID id = fixtures.product(brand, CatalogFixtures.uniqueSku("ORD"), names[i], "", prices[i], 1);
            Instant createdAt = base.plus(created[i], ChronoUnit.MINUTES);
            Instant updatedAt = base.plus(updated[i], ChronoUnit.HOURS);
            db.sql("UPDATE product SET created_at = $1, updated_at = $2 WHERE id = $3")
                    .bind(0, createdAt).bind(1, updatedAt).bind(2, id).then().block();
            rows.add(new Row(id, names[i], new BigDecimal(prices[i]), createdAt, updatedAt));
        }

        for (String sort : List.of("price", "-price", "createdAt", "-createdAt", "updatedAt", "-updatedAt", "name",
                "-name", "price,-createdAt", "-price,name", "price,name,-updatedAt", "name,-price",
                "-createdAt,price")) {
            List<UUID> expected = rows.stream().sorted(order(sort)).map(Row::id).toList();
            assertThat(listing.page("sector", sector.toString(), "sort", sort).ids()).as(sort)
                    .containsExactlyElementsOf(expected);
            // The same order across pages of 3 (cursors carry every sort value).
            assertThat(listing.all(3, "sector", sector.toString(), "sort", sort)).as(sort + " in pages")
                    .containsExactlyElementsOf(expected);
        }
        assertThat(listing.page("sector", sector.toString()).ids()).as("default: newest first")
                .containsExactlyElementsOf(rows.stream().sorted(order("-createdAt")).map(Row::id).toList());
    }

    /** The order the API promises, written independently of the SQL: fields in turn, then id (as PostgreSQL). */
    private static Comparator<Row> order(String sort) {
        Comparator<Row> order = (a, b) -> 0;
        boolean lastDescending = false;
        for (String key : sort.split(",")) {
            lastDescending = key.startsWith("-");
            Comparator<Row> field = switch (key.replace("-", "")) {
                case "price" -> Comparator.comparing(Row::price);
                case "createdAt" -> Comparator.comparing(Row::createdAt);
                case "updatedAt" -> Comparator.comparing(Row::updatedAt);
                // COLLATE "C" is byte order, which UTF-8 keeps as code point order.
                case "name" -> Comparator.comparing(Row::name,
                        Comparator.comparing((String name) -> name.getBytes(StandardCharsets.UTF_8),
                                Arrays::compareUnsigned));
                default -> throw new IllegalArgumentException(key);
            };
            order = order.thenComparing(lastDescending ? field.reversed() : field);
        }
        // uuid order in PostgreSQL is unsigned byte order: the order of the canonical strings, not UUID.compareTo.
        Comparator<Row> id = Comparator.comparing(row -> row.id().toString());
        return order.thenComparing(lastDescending ? id.reversed() : id);
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of(parameters("sector", "not-a-uuid"), "sector"),
                Arguments.of(parameters("brand", "42"), "brand"),
                Arguments.of(parameters("minPrice", "-1"), "minPrice"),
                Arguments.of(parameters("maxPrice", "cheap"), "maxPrice"),
                Arguments.of(parameters("minPrice", "10", "maxPrice", "5"), "minPrice"),
                Arguments.of(parameters("minPrice", "1e999999"), "minPrice"),
                Arguments.of(parameters("inStock", "maybe"), "inStock"),
                Arguments.of(parameters("limit", "0"), "limit"),
                Arguments.of(parameters("limit", "101"), "limit"),
                Arguments.of(parameters("limit", "-1"), "limit"),
                Arguments.of(parameters("limit", "twenty"), "limit"),
                Arguments.of(parameters("sort", "popularity"), "sort"),
                Arguments.of(parameters("sort", "price,-price"), "sort"),
                Arguments.of(parameters("sort", "price,name,createdAt,updatedAt"), "sort"),
                Arguments.of(parameters("sort", "relevance"), "sort"),
                Arguments.of(parameters("sort", ","), "sort"),
                Arguments.of(parameters("sort", "price; DROP TABLE product"), "sort"),
                Arguments.of(parameters("q", "я".repeat(201)), "q"),
                Arguments.of(parameters("sku", "A\u0000B"), "sku"),
                Arguments.of(parameters("cursor", "@@@ not a cursor"), "cursor"),
                Arguments.of(parameters("cursor", Base64.getUrlEncoder().encodeToString("garbage".getBytes())),
                        "cursor"),
                Arguments.of(parameters("cursor", Base64.getUrlEncoder().encodeToString(
                        "1|AAAAAAAA|00000000-0000-0000-0000-000000000000|x".getBytes())), "cursor"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void rejectsABadParameterWithItsFieldNamed(Map<String, String> parameters, String field) {
        assertThat(listing.rejected(parameters)).containsExactly(field);
    }

    @Test
    void reportsEveryBadParameterAtOnce() {
        assertThat(listing.rejected(parameters("sector", "x", "brand", "y", "limit", "0", "minPrice", "-5")))
                .containsExactlyInAnyOrder("sector", "brand", "limit", "minPrice");
    }

    /** Whatever the query string, the answer is a page or a 400: never a 500. */
    @ParameterizedTest
    @ValueSource(strings = {"\"", "-", "!!!", "or", "a & b | !c", "'", ":*", "\\", "(", "<->", "'; SELECT 1; --",
            "\u0000", "%00", "ё\u0301\u0308", "\uD83C\uDF4E яблоко", "the", "и", "\"\" or -", "x:*A"})
    void anyQIsAPageNeverAnError(String q) {
        UUID brand = fixtures.brand(fixtures.sector());
        fixtures.product(brand, CatalogFixtures.uniqueSku("Q"), "Green apples", "", "1.00", 1);
        assertThat(listing.page("q", q, "brand", brand.toString()).ids()).isNotNull();
        assertThat(listing.page("q", q, "sort", "name", "limit", "1").ids()).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void refusesACursorOfAnotherQueryButTakesANewLimit() {
        UUID sector = fixtures.sector();
        UUID brand = fixtures.brand(sector);
        UUID otherBrand = fixtures.brand(sector);
        for (int i = 0; i < 3; i++) {
            fixtures.product(brand, CatalogFixtures.uniqueSku("CUR"), "Tea " + i, "", "1.00", 1);
        }
        String cursor = listing.page("brand", brand.toString(), "limit", "1").nextCursor();
        assertThat(cursor).isNotNull();

        assertThat(listing.rejected(parameters("brand", otherBrand.toString(), "limit", "1", "cursor", cursor)))
                .containsExactly("cursor");
        assertThat(listing.rejected(parameters("brand", brand.toString(), "sort", "price", "cursor", cursor)))
                .containsExactly("cursor");
        assertThat(listing.rejected(parameters("sector", sector.toString(), "cursor", cursor)))
                .containsExactly("cursor");
        assertThat(listing.page("brand", brand.toString(), "limit", "5", "cursor", cursor).ids()).hasSize(2);
        // Spelled differently, the same query: its cursor still fits.
        assertThat(listing.page("brand", brand.toString().toUpperCase(), "sort", "-createdAt", "cursor", cursor)
                .ids()).hasSize(2);
    }

    @Test
    void anyoneMayList() {
        UUID brand = fixtures.brand(fixtures.sector());
        UUID product = fixtures.product(brand, CatalogFixtures.uniqueSku("PUB"), "Public tea", "", "1.00", 1);

        assertThat(listing.page("brand", brand.toString()).ids()).containsExactly(product);
        client.get().uri("/api/v1/products?brand={brand}", brand)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + customerToken())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].id").isEqualTo(product.toString());
        client.get().uri("/api/v1/products?brand={brand}", brand)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + managerToken())
                .exchange().expectStatus().isOk();
    }
}
