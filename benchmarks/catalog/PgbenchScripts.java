import com.fruitfulplanet.catalog.product.ProductRows;
import com.fruitfulplanet.catalog.search.ListingQuery;
import com.fruitfulplanet.catalog.search.ProductListing;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The SQL of the catalog benchmark's pgbench runs (benchmarks/catalog/run.sh), taken from catalog-service itself so
 * that pgbench runs exactly the statements the service runs: by id, {@code SELECT ProductRows.COLUMNS FROM product p
 * WHERE p.id = :id AND p.deleted_at IS NULL} (as {@code Products.byId}); the listing, what
 * {@link ProductListing#statement} builds for the listing request given.
 *
 * <p>Usage: {@code java -cp <catalog-service classes and libs> PgbenchScripts <dir> <products> [name=value]...},
 * the names and values those of {@code GET /api/v1/products} (q, sector, brand, minPrice, maxPrice, inStock, sku,
 * sort, limit). Writes to the directory:
 * <ul>
 *   <li>{@code by-id.sql}: a pgbench script; the id is {@code md5('bench-product-' || :n)::uuid} for a random
 *       {@code n} in 1..products, as the benchmark's data has it (seed.sql);
 *   <li>{@code listing.sql} and {@code listing.defines}: a pgbench script whose {@code $n::type} placeholders are
 *       pgbench variables {@code :pn::type}, so that {@code -M prepared} sends them as parameters as the service
 *       does, and their values, one {@code -Dpn=value} line each for pgbench's command line;
 *   <li>{@code by-id-check.sql} and {@code listing-check.sql}: the same statements with literal values (product 1),
 *       counting their rows, for psql, to check they find what they should;
 *   <li>{@code listing.query}: the request's query string, for the HTTP side.
 * </ul>
 */
public final class PgbenchScripts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)::(\\w+)");

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: PgbenchScripts <dir> <products> [name=value]...");
        }
        Path directory = Path.of(args[0]);
        int products = Integer.parseInt(args[1]);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            parameters.put(pair[0], pair[1]);
        }
        Files.createDirectories(directory);

        String byId = "SELECT " + ProductRows.COLUMNS + " FROM product p WHERE p.id = %s AND p.deleted_at IS NULL";
        Files.writeString(directory.resolve("by-id.sql"), "\\set n random(1, " + products + ")\n"
                + byId.formatted("md5('bench-product-' || :n)::uuid") + ";\n");
        Files.writeString(directory.resolve("by-id-check.sql"), "SELECT count(*) FROM (\n"
                + byId.formatted("md5('bench-product-1')::uuid") + "\n) found;\n");

        ListingQuery query = ListingQuery.parse(new ListingQuery.Parameters(parameters.get("q"),
                parameters.get("sector"), parameters.get("brand"), parameters.get("minPrice"),
                parameters.get("maxPrice"), parameters.get("inStock"), parameters.get("sku"), parameters.get("sort"),
                parameters.get("limit"), parameters.get("cursor")));
        ProductListing.Statement statement = ProductListing.statement(query);
        List<String> defines = new ArrayList<>();
        for (int i = 0; i < statement.bindings().size(); i++) {
            defines.add("-Dp" + (i + 1) + "=" + text(statement.bindings().get(i)));
        }
        Files.writeString(directory.resolve("listing.sql"),
                PLACEHOLDER.matcher(statement.sql()).replaceAll(":p$1::$2") + ";\n");
        Files.write(directory.resolve("listing.defines"), defines);
        Files.writeString(directory.resolve("listing-check.sql"), "SELECT count(*) FROM (\n"
                + PLACEHOLDER.matcher(statement.sql()).replaceAll(match -> Matcher.quoteReplacement(
                literal(statement.bindings().get(Integer.parseInt(match.group(1)) - 1)) + "::" + match.group(2)))
                + "\n) found;\n");
        Files.writeString(directory.resolve("listing.query"), parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")) + "\n");
    }

    /** A bound value as its text, which PostgreSQL casts back to the placeholder's type. */
    private static String text(Object value) {
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }

    private static String literal(Object value) {
        return "'" + text(value).replace("'", "''") + "'";
    }

    private PgbenchScripts() {
    }
}
