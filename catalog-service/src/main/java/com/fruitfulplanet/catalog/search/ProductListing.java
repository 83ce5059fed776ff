package com.fruitfulplanet.catalog.search;

import com.fruitfulplanet.catalog.product.ProductRows;
import com.fruitfulplanet.catalog.product.ProductView;
import com.fruitfulplanet.platform.paging.Page;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Lists live ACTIVE products for a {@link ListingQuery}: one parameterised SELECT per query shape, whose sort
 * columns come only from the fixed {@link SortKey.Field} whitelist, ordered with {@code p.id} as the final
 * tie-breaker and paged by keyset (never OFFSET), so concurrent inserts neither repeat nor skip rows.
 *
 * <p>Each filter and order the API offers is served by an index (V4__catalog_model.sql, V6__search.sql); the
 * EXPLAIN test runs {@link #statement} against 100 000 products to keep it that way.
 */
@Component
public class ProductListing {

    /**
     * Stemmed both ways, like the vector: the Russian configuration also stems Latin words with the English
     * stemmer; 'simple' keeps SKUs and codes as typed.
     */
    private static final String[] CONFIGURATIONS = {"russian", "english", "simple"};
    /** A last word this long (letters and digits only) is also matched as a prefix: "ябл" while typing "яблоко". */
    private static final Pattern PREFIX_WORD = Pattern.compile("[\\p{L}\\p{N}]{3,}");

    private final DatabaseClient db;
    private final ProductRows rows;

    public ProductListing(DatabaseClient db, ProductRows rows) {
        this.db = db;
        this.rows = rows;
    }

    public Mono<Page<ProductView>> list(ListingQuery query) {
        Statement statement = statement(query);
        DatabaseClient.GenericExecuteSpec spec = db.sql(statement.sql());
        for (int i = 0; i < statement.bindings().size(); i++) {
            spec = spec.bind(i, statement.bindings().get(i));
        }
        return spec.map(row -> new Listed(rows.map(row), sortValues(row, query.sort())))
                .all()
                .collectList()
                .map(found -> page(query, found));
    }

    /** The SQL a query runs, with {@code $n} placeholders, and the values bound to them in order. */
    public record Statement(String sql, List<Object> bindings) {

        public Statement {
            bindings = List.copyOf(bindings);
        }
    }

    /** The statement {@link #list} runs for the query: for EXPLAIN tests and the benchmark's pgbench script. */
    public static Statement statement(ListingQuery query) {
        Bindings bind = new Bindings();
        String tsquery = query.q() == null ? null : tsquery(query.q(), bind);

        StringBuilder sql = new StringBuilder("SELECT ").append(ProductRows.COLUMNS);
        if (query.sort().stream().anyMatch(key -> key.field() == SortKey.Field.RELEVANCE)) {
            // Read back for the cursor; ranked only when it orders the page.
            sql.append(",\n       ").append(column(SortKey.Field.RELEVANCE, tsquery)).append(" AS relevance");
        }
        sql.append("\nFROM product p\nWHERE p.deleted_at IS NULL\n  AND p.status = 'ACTIVE'");
        if (tsquery != null) {
            sql.append("\n  AND p.search_vector @@ ").append(tsquery);
        }
        if (query.sector() != null) {
            sql.append("\n  AND p.sector_id = ").append(bind.value(query.sector(), "uuid"));
        }
        if (query.brand() != null) {
            sql.append("\n  AND p.brand_id = ").append(bind.value(query.brand(), "uuid"));
        }
        if (query.minPrice() != null) {
            sql.append("\n  AND p.price_amount >= ").append(bind.value(query.minPrice(), "numeric"));
        }
        if (query.maxPrice() != null) {
            sql.append("\n  AND p.price_amount <= ").append(bind.value(query.maxPrice(), "numeric"));
        }
        if (query.sku() != null) {
            // product_sku_lower_idx (V6): exact, regardless of case.
            sql.append("\n  AND lower(p.sku) = lower(").append(bind.value(query.sku(), "text")).append(')');
        }
        if (query.inStock()) {
            // Reserved never exceeds on hand, so "some warehouse has more on hand than reserved" is "available > 0".
            sql.append("\n  AND EXISTS (SELECT 1 FROM stock_level s")
                    .append(" WHERE s.product_id = p.id AND s.on_hand > s.reserved)");
        }

        List<String> columns = new ArrayList<>();
        List<Boolean> descending = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (SortKey key : query.sort()) {
            columns.add(column(key.field(), tsquery));
            descending.add(key.descending());
            types.add(type(key.field()));
        }
        // The id breaks ties in the direction of the last field, so a one-direction order stays one direction and
        // a btree index scan (forward or backward) serves it with the row comparison below.
        columns.add("p.id");
        descending.add(descending.getLast());
        types.add("uuid");

        if (query.after() != null) {
            List<Object> values = new ArrayList<>(query.after().values());
            values.add(query.after().id());
            List<String> params = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                params.add(bind.value(values.get(i), types.get(i)));
            }
            sql.append("\n  AND ").append(after(columns, descending, params));
        }

        StringJoiner order = new StringJoiner(", ", "\nORDER BY ", "");
        for (int i = 0; i < columns.size(); i++) {
            order.add(columns.get(i) + (descending.get(i) ? " DESC" : " ASC"));
        }
        sql.append(order).append("\nLIMIT ").append(bind.value(query.limit() + 1, "int"));
        return new Statement(sql.toString(), bind.values);
    }

    /**
     * The rows after the cursor in the order {@code columns}/{@code descending}. One direction: a row comparison,
     * which btree indexes take as an index condition. Mixed directions: the expanded lexicographic comparison
     * {@code (a > x) OR (a = x AND b < y) OR ...}, with the redundant bound {@code a >= x} on the leading column so
     * its index still narrows the scan.
     */
    private static String after(List<String> columns, List<Boolean> descending, List<String> params) {
        if (descending.stream().distinct().count() == 1) {
            return "(" + String.join(", ", columns) + ") " + (descending.getFirst() ? "<" : ">")
                    + " (" + String.join(", ", params) + ")";
        }
        StringJoiner alternatives = new StringJoiner("\n       OR ", "(", ")");
        for (int i = 0; i < columns.size(); i++) {
            StringJoiner terms = new StringJoiner(" AND ", "(", ")");
            for (int j = 0; j < i; j++) {
                terms.add(columns.get(j) + " = " + params.get(j));
            }
            terms.add(columns.get(i) + (descending.get(i) ? " < " : " > ") + params.get(i));
            alternatives.add(terms.toString());
        }
        return columns.getFirst() + (descending.getFirst() ? " <= " : " >= ") + params.getFirst()
                + "\n  AND " + alternatives;
    }

    /** The only SQL a sort field can become. */
    private static String column(SortKey.Field field, String tsquery) {
        return switch (field) {
            case PRICE -> "p.price_amount";
            case CREATED_AT -> "p.created_at";
            case UPDATED_AT -> "p.updated_at";
            // The collation of product_name_idx: byte order, the same on every server.
            case NAME -> "p.name COLLATE \"C\"";
            case RELEVANCE -> "ts_rank_cd(p.search_vector, " + tsquery + ")";
        };
    }

    private static String type(SortKey.Field field) {
        return switch (field) {
            case PRICE -> "numeric";
            case CREATED_AT, UPDATED_AT -> "timestamptz";
            case NAME -> "text";
            case RELEVANCE -> "real";
        };
    }

    /** The row's values of the sort fields, read as the cursor stores them (exactly what the SQL compares). */
    private static List<Object> sortValues(Readable row, List<SortKey> sort) {
        return sort.stream().map(key -> (Object) switch (key.field()) {
            case PRICE -> row.get("price_amount", BigDecimal.class);
            case CREATED_AT -> row.get("created_at", Instant.class);
            case UPDATED_AT -> row.get("updated_at", Instant.class);
            case NAME -> row.get("name", String.class);
            case RELEVANCE -> row.get("relevance", Float.class);
        }).toList();
    }

    /**
     * {@code websearch_to_tsquery} in each configuration, OR-ed: it never fails on user input (quotes, "or", "-"
     * are its syntax, anything else is words). While the last word is being typed it is also taken as a prefix.
     */
    private static String tsquery(String q, Bindings bind) {
        String text = bind.value(q, "text");
        StringJoiner tsquery = new StringJoiner(" || ", "(", ")");
        for (String configuration : CONFIGURATIONS) {
            tsquery.add("websearch_to_tsquery('" + configuration + "', " + text + ")");
        }
        prefix(q).ifPresent(prefix -> {
            String head = prefix.head().isEmpty() ? ""
                    : "websearch_to_tsquery('russian', " + bind.value(prefix.head(), "text") + ") && ";
            tsquery.add("(" + head + "to_tsquery('simple', " + bind.value(prefix.last() + ":*", "text") + "))");
        });
        return tsquery.toString();
    }

    /** The words before the last, and the last one, when the query is plain words (no quotes, "or" or "-"). */
    record Prefix(String head, String last) {
    }

    static Optional<Prefix> prefix(String q) {
        String[] words = q.split(" ");
        String last = words[words.length - 1];
        boolean plain = q.indexOf('"') < 0
                && Arrays.stream(words).noneMatch(word -> word.equals("or") || word.startsWith("-"));
        if (!plain || !PREFIX_WORD.matcher(last).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Prefix(String.join(" ", Arrays.copyOf(words, words.length - 1)), last));
    }

    private static Page<ProductView> page(ListingQuery query, List<Listed> found) {
        boolean more = found.size() > query.limit();
        List<Listed> items = more ? found.subList(0, query.limit()) : found;
        String next = more ? query.cursorAfter(items.getLast().sortValues(), items.getLast().product().id()) : null;
        return new Page<>(items.stream().map(Listed::product).toList(), next);
    }

    private record Listed(ProductView product, List<Object> sortValues) {
    }

    /** Positional parameters: each value once, referred to as {@code $n::type}. */
    private static final class Bindings {

        private final List<Object> values = new ArrayList<>();

        String value(Object value, String type) {
            values.add(value);
            return "$" + values.size() + "::" + type;
        }
    }
}
