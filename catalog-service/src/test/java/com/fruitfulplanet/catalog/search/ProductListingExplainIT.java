package com.fruitfulplanet.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.catalog.CatalogFixtures;
import com.fruitfulplanet.catalog.CatalogIntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every query shape the listing offers, planned by PostgreSQL over 100 000 products: no sequential scan of
 * {@code product} or {@code stock_level}, an index on {@code product} used, and only a bounded share of the table
 * touched. Each shape is checked twice, as it really runs ({@link ProductListing#statement} with its bindings,
 * EXPLAIN ANALYZE: the custom plan of the first executions) and as a cached prepared statement may run it after a
 * few executions (EXPLAIN GENERIC_PLAN: no parameter values known).
 *
 * <p>The products live under sectors and brands of this class only, so other tests' filtered queries do not see
 * them; they are never deleted (other classes must not assume an empty catalog anyway).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductListingExplainIT extends CatalogIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(ProductListingExplainIT.class);

    private static final int PRODUCTS = 100_000;
    /**
     * At most this many product rows read (returned or filtered out) by one page: a tenth of the table. A shape
     * that walks an unrelated index and filters (an "index scan" that is a table scan in disguise) fails here.
     */
    private static final int MAX_PRODUCT_ROWS_READ = PRODUCTS / 10;
    private static final Set<String> GUARDED_TABLES = Set.of("product", "stock_level");

    /**
     * Names in both languages, so each query finds a few percent of the table: realistic selectivity for the
     * planner. Even rows are Russian, odd rows English. Every 20th product is a crate ("Ящик ...": last in name
     * order) of the small third sector, whose names cluster as a real sector's do; the rest is spread over the
     * first two sectors' four brands.
     */
    private static final String SEED = """
            INSERT INTO product (id, sku, name, description, brand_id, sector_id, price_amount, currency, status,
                                 created_at, updated_at, deleted_at)
            SELECT gen_random_uuid(),
                   $2::text || '-' || i,
                   CASE WHEN i % 20 = 0 THEN 'Ящик: ' ELSE '' END ||
                   CASE WHEN i % 2 = 0
                        THEN (ARRAY['Зелёные', 'Красные', 'Спелые', 'Сладкие', 'Свежие', 'Органические', 'Домашние',
                                    'Отборные'])[1 + i / 2 % 8]
                             || ' ' || (ARRAY['яблоки', 'груши', 'апельсины', 'бананы', 'виноград', 'сок', 'чай',
                                              'кофе', 'молоко', 'сыр', 'хлеб', 'мёд', 'орехи', 'изюм',
                                              'варенье'])[1 + i / 16 % 15] || ' №' || i
                        ELSE (ARRAY['Green', 'Red', 'Ripe', 'Sweet', 'Fresh', 'Organic', 'Homemade',
                                    'Premium'])[1 + i / 2 % 8]
                             || ' ' || (ARRAY['apples', 'pears', 'oranges', 'bananas', 'grapes', 'juice', 'tea',
                                              'coffee', 'milk', 'cheese', 'bread', 'honey', 'nuts', 'raisins',
                                              'jam'])[1 + i / 16 % 15] || ' #' || i
                   END,
                   CASE WHEN i % 20 = 0 THEN 'Ящик: ' ELSE '' END ||
                   CASE WHEN i % 2 = 0 THEN 'Фермерский продукт из региона ' || i % 83 || ', урожай ' || 2000 + i % 25
                        ELSE 'Farm produce from region ' || i % 83 || ', harvest of ' || 2000 + i % 25 END,
                   b.id, b.sector_id,
                   10 + (i * 7919 % 50000) / 10.0,
                   'RUB',
                   CASE WHEN i % 97 = 0 THEN 'DRAFT' ELSE 'ACTIVE' END,
                   -- Three products per creation instant: the id must break ties.
                   now() - interval '1 day' - (i / 3) * interval '7 minutes',
                   now() - interval '1 day' - (i * 7 % 100000) * interval '3 minutes',
                   CASE WHEN i % 101 = 0 THEN now() END
            FROM generate_series(1, $3::int) i
            JOIN brand b
              ON b.id = (string_to_array($1::text, ','))[CASE WHEN i % 20 = 0 THEN 5 ELSE 1 + i % 4 END]::uuid""";
    /** Stock for nine products in ten; some of it all reserved, some none on hand. */
    private static final String SEED_STOCK = """
            INSERT INTO stock_level (product_id, warehouse_id, on_hand, reserved)
            SELECT p.id, $2::uuid, n % 7 * 3, least(n % 7 * 3, n % 4)
            FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM product
                  WHERE sector_id = ANY (string_to_array($1::text, ',')::uuid[])) p
            WHERE n % 10 <> 0""";

    private static final List<String> summaries = new CopyOnWriteArrayList<>();

    @Autowired
    private ProductListing listing;

    @Autowired
    private Environment environment;

    /** For generic plans only (see {@link #explainGeneric}); everything else goes through R2DBC as the service's. */
    private Connection jdbc;

    private final List<UUID> sectors = new ArrayList<>();
    private final List<UUID> brands = new ArrayList<>();
    private String skuPrefix;
    private Set<String> productIndexes;

    @BeforeAll
    void seed() throws SQLException {
        // Load what the shapes use now: other builds sharing target/ may recompile it while this class seeds.
        ProductListing.statement(ListingQueryTest.parse(Map.of("q", "warm up", "sort", "price")));
        summary(JsonMapper.shared().readTree("{}"));
        Properties credentials = new Properties();
        credentials.setProperty("user", environment.getRequiredProperty("fruitfulplanet.database.username"));
        credentials.setProperty("password", environment.getRequiredProperty("fruitfulplanet.database.password"));
        credentials.setProperty("preferQueryMode", "simple");
        jdbc = DriverManager.getConnection("jdbc:postgresql://%s:%s/%s".formatted(
                environment.getRequiredProperty("fruitfulplanet.database.host"),
                environment.getRequiredProperty("fruitfulplanet.database.port"),
                environment.getRequiredProperty("fruitfulplanet.database.name")), credentials);

        long started = System.nanoTime();
        CatalogFixtures fixtures = fixtures();
        for (int s = 0; s < 3; s++) {
            UUID sector = fixtures.sector();
            sectors.add(sector);
            for (int b = s < 2 ? 0 : 1; b < 2; b++) {
                brands.add(fixtures.brand(sector));
            }
        }
        skuPrefix = CatalogFixtures.uniqueSku("EXP");
        db.sql(SEED)
                .bind(0, join(brands)).bind(1, skuPrefix).bind(2, PRODUCTS)
                .then().block();
        db.sql(SEED_STOCK).bind(0, join(sectors)).bind(1, CatalogFixtures.MAIN_WAREHOUSE).then().block();
        // What autovacuum does in production: statistics for the planner, and the GIN index's own statistics and
        // pending list (which only VACUUM maintains; without them the planner misjudges full-text scans).
        db.sql("VACUUM ANALYZE product").then().block();
        db.sql("VACUUM ANALYZE stock_level").then().block();
        productIndexes = Set.copyOf(db.sql("""
                        SELECT indexname FROM pg_indexes
                        WHERE schemaname = current_schema() AND tablename = 'product'""")
                .map(row -> row.get(0, String.class)).all().collectList().block());
        log.info("Seeded {} products in {} ms; indexes on product: {}", PRODUCTS,
                (System.nanoTime() - started) / 1_000_000, productIndexes);
    }

    Stream<Arguments> shapes() {
        String sector = sectors.getFirst().toString();
        String brand = brands.getFirst().toString();
        String crates = sectors.getLast().toString();
        return Stream.of(
                shape("default (-createdAt)"),
                shape("createdAt", "sort", "createdAt"),
                shape("updatedAt", "sort", "updatedAt"),
                shape("-updatedAt", "sort", "-updatedAt"),
                shape("price", "sort", "price"),
                shape("-price", "sort", "-price"),
                shape("name", "sort", "name"),
                shape("-name", "sort", "-name"),
                shape("sector", "sector", sector),
                shape("sector, price", "sector", sector, "sort", "price"),
                shape("sector, -price", "sector", sector, "sort", "-price"),
                shape("sector, name", "sector", sector, "sort", "name"),
                shape("small sector", "sector", crates),
                shape("small sector, name", "sector", crates, "sort", "name"),
                shape("small sector, -price", "sector", crates, "sort", "-price"),
                shape("brand", "brand", brand),
                shape("brand, price", "brand", brand, "sort", "price"),
                shape("price range", "minPrice", "100", "maxPrice", "200"),
                shape("price range, price", "minPrice", "100", "maxPrice", "200", "sort", "price"),
                shape("inStock", "inStock", "true"),
                shape("sku", "sku", skuPrefix.toLowerCase(Locale.ROOT) + "-77"),
                shape("q ru", "q", "зелёное яблоко"),
                shape("q ru one word", "q", "яблоко"),
                shape("q en", "q", "green apples"),
                shape("q prefix", "q", "ябл"),
                shape("q sku", "q", skuPrefix + "-4243"),
                shape("q, sector, price", "q", "apples", "sector", sector, "sort", "price"),
                shape("mixed price,-createdAt", "sort", "price,-createdAt"),
                shape("combined", "sector", sector, "brand", brand, "minPrice", "100", "maxPrice", "3000",
                        "inStock", "true", "sort", "price"),
                shape("page 2: default", "cursor", "next"),
                shape("page 2: price", "sort", "price", "cursor", "next"),
                shape("page 2: sector, -price", "sector", sector, "sort", "-price", "cursor", "next"),
                shape("page 2: mixed price,-createdAt", "sort", "price,-createdAt", "cursor", "next"),
                shape("page 2: q relevance", "q", "green apples", "cursor", "next"),
                shape("page 2: combined", "sector", sector, "brand", brand, "minPrice", "100", "maxPrice", "3000",
                        "inStock", "true", "sort", "price", "cursor", "next"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void isServedByAnIndex(String shape, Map<String, String> parameters) {
        ListingQuery query = query(parameters);
        ProductListing.Statement statement = ProductListing.statement(query);

        JsonNode analyzed = explain("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ", statement);
        JsonNode generic = explainGeneric(statement.sql());

        summaries.add("%-32s %8.2f ms  %s%n%-32s %11s  generic: %s".formatted(shape,
                analyzed.path("Execution Time").asDouble(), summary(analyzed.path("Plan")), "", "",
                summary(generic.path("Plan"))));
        assertThat(analyzed.path("Plan").path("Actual Rows").asDouble()).as("%s finds products", shape)
                .isPositive();
        for (JsonNode plan : List.of(analyzed, generic)) {
            List<JsonNode> nodes = nodes(plan.path("Plan"));
            assertThat(nodes).as("%s: sequential scans in %s", shape, plan)
                    .noneMatch(node -> node.path("Node Type").asString().equals("Seq Scan")
                            && GUARDED_TABLES.contains(node.path("Relation Name").asString()));
            assertThat(nodes).as("%s: an index on product in %s", shape, plan)
                    .anyMatch(node -> productIndexes.contains(node.path("Index Name").asString()));
        }
        assertThat(productRowsRead(analyzed.path("Plan"))).as("%s: product rows read in %s", shape, analyzed)
                .isLessThanOrEqualTo(MAX_PRODUCT_ROWS_READ);
    }

    @AfterAll
    void report() throws SQLException {
        jdbc.close();
        log.info("Listing plans over {} products (custom plan with execution time; generic plan):\n{}", PRODUCTS,
                String.join("\n", summaries));
    }

    /** The query of a shape; a cursor "next" is the real cursor of the shape's first page. */
    private ListingQuery query(Map<String, String> parameters) {
        Map<String, String> first = new HashMap<>(parameters);
        boolean secondPage = first.remove("cursor") != null;
        ListingQuery query = ListingQueryTest.parse(first);
        if (!secondPage) {
            return query;
        }
        String cursor = listing.list(query).block().nextCursor();
        assertThat(cursor).as("a second page").isNotNull();
        first.put("cursor", cursor);
        return ListingQueryTest.parse(first);
    }

    private JsonNode explain(String explain, ProductListing.Statement statement) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(explain + statement.sql());
        for (int i = 0; i < statement.bindings().size(); i++) {
            spec = spec.bind(i, statement.bindings().get(i));
        }
        return JsonMapper.shared().readTree(spec.map(row -> row.get(0, String.class)).one().block()).get(0);
    }

    /**
     * EXPLAIN GENERIC_PLAN takes the placeholders unbound, which the R2DBC driver refuses to send; JDBC's simple
     * query protocol sends the text as it is.
     */
    private JsonNode explainGeneric(String sql) {
        try (Statement statement = jdbc.createStatement();
             ResultSet result = statement.executeQuery("EXPLAIN (GENERIC_PLAN, FORMAT JSON) " + sql)) {
            assertThat(result.next()).isTrue();
            return JsonMapper.shared().readTree(result.getString(1)).get(0);
        } catch (SQLException e) {
            throw new IllegalStateException("EXPLAIN GENERIC_PLAN failed for " + sql, e);
        }
    }

    /** Every node of a plan, sub-plans included. */
    private static List<JsonNode> nodes(JsonNode plan) {
        List<JsonNode> nodes = new ArrayList<>();
        nodes.add(plan);
        for (JsonNode child : plan.path("Plans")) {
            nodes.addAll(nodes(child));
        }
        return nodes;
    }

    /** Rows the scans of product returned or threw away, over all their loops. */
    private static double productRowsRead(JsonNode plan) {
        return nodes(plan).stream()
                .filter(node -> node.path("Relation Name").asString().equals("product"))
                .mapToDouble(node -> node.path("Actual Loops").asDouble() * (node.path("Actual Rows").asDouble()
                        + node.path("Rows Removed by Filter").asDouble()
                        + node.path("Rows Removed by Index Recheck").asDouble()))
                .sum();
    }

    /** The main path of a plan, e.g. "Limit > Index Scan Backward using product_created_idx on product". */
    private static String summary(JsonNode node) {
        StringBuilder text = new StringBuilder(node.path("Node Type").asString());
        if (node.path("Scan Direction").asString().equals("Backward")) {
            text.append(" Backward");
        }
        if (node.has("Index Name")) {
            text.append(" using ").append(node.path("Index Name").asString());
        }
        if (node.has("Relation Name")) {
            text.append(" on ").append(node.path("Relation Name").asString());
        }
        if (node.has("Actual Rows")) {
            text.append(" (").append(Math.round(node.path("Actual Rows").asDouble() * node.path("Actual Loops")
                    .asDouble())).append(" rows)");
        }
        List<String> children = new ArrayList<>();
        for (JsonNode child : node.path("Plans")) {
            if (!child.path("Parent Relationship").asString().equals("SubPlan")) {
                children.add(summary(child));
            }
        }
        if (children.isEmpty()) {
            return text.toString();
        }
        return text + " > " + (children.size() == 1 ? children.getFirst() : "[" + String.join(" | ", children) + "]");
    }

    private static Arguments shape(String name, String... parameters) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            map.put(parameters[i], parameters[i + 1]);
        }
        return Arguments.of(name, map);
    }

    private static String join(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }
}
