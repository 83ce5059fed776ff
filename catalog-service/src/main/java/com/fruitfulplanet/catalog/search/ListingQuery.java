package com.fruitfulplanet.catalog.search;

import com.fruitfulplanet.platform.paging.Cursors;
import com.fruitfulplanet.platform.problem.FieldError;
import com.fruitfulplanet.platform.problem.Problems;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A product listing request (API.md "Catalog", {@code GET /api/v1/products}) parsed, validated and normalised:
 * equal queries are equal records with an equal {@link #cacheKey()}, whatever the spelling of the request
 * ({@code q} case and spacing, UUID case, {@code 10.50} or {@code 10.5}, an explicit default sort).
 *
 * <p>Cursors carry the last row's sort values and id (keyset paging) plus a short hash of the query they belong to,
 * so a cursor replayed against another query is refused instead of silently skipping or repeating rows.
 *
 * @param q        full-text query: NFC, lower case, whitespace collapsed; null for none
 * @param inStock  true: only products with some stock not reserved; false (or absent): no stock filter
 * @param sku      exact SKU, lower case (matched regardless of case); null for none
 * @param sort     the order, without the implicit final {@code id} tie-breaker
 * @param after    where the previous page ended; null for the first page
 */
public record ListingQuery(String q, UUID sector, UUID brand, BigDecimal minPrice, BigDecimal maxPrice,
                           boolean inStock, String sku, List<SortKey> sort, int limit, After after) {

    public static final int MAX_Q_LENGTH = 200;
    public static final int MAX_SORT_FIELDS = 3;
    /** The column is {@code text CHECK (length(sku) BETWEEN 1 AND 64)}: a longer SKU cannot match. */
    public static final int MAX_SKU_LENGTH = 64;

    /** The order without {@code q}: newest first. */
    static final List<SortKey> DEFAULT_SORT = List.of(new SortKey(SortKey.Field.CREATED_AT, true));
    /** The order with {@code q}: best match first. */
    static final List<SortKey> SEARCH_SORT = List.of(new SortKey(SortKey.Field.RELEVANCE, true));

    private static final String CURSOR_VERSION = "1";
    private static final String CACHE_KEY_PREFIX = "products:v1:";
    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    /** Plain decimal digits, no sign or exponent; {@link #amount} then checks it fits numeric(19, 2). */
    private static final Pattern AMOUNT = Pattern.compile("^\\d{1,40}(\\.\\d{1,40})?$");
    private static final int MAX_AMOUNT_INTEGER_DIGITS = 17;
    private static final int MAX_AMOUNT_FRACTION_DIGITS = 2;
    private static final Pattern SPACE_OR_CONTROL = Pattern.compile("[\\s\\p{Cc}\\p{Zs}]+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    public ListingQuery {
        sort = List.copyOf(sort);
        if (sort.isEmpty() || sort.size() > MAX_SORT_FIELDS) {
            throw new IllegalArgumentException("1 to " + MAX_SORT_FIELDS + " sort fields, not " + sort);
        }
        if (q == null && sort.stream().anyMatch(key -> key.field() == SortKey.Field.RELEVANCE)) {
            throw new IllegalArgumentException("relevance needs q");
        }
        if (limit < 1 || limit > Cursors.MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit);
        }
        if (after != null && after.values().size() != sort.size()) {
            throw new IllegalArgumentException("a position needs one value per sort field");
        }
    }

    /**
     * The query parameters as they arrived, all optional and unconverted, so that every bad value becomes a field
     * error here rather than a conversion failure before the handler runs.
     */
    public record Parameters(String q, String sector, String brand, String minPrice, String maxPrice, String inStock,
                             String sku, String sort, String limit, String cursor) {
    }

    /**
     * Where the previous page ended: its last row's values of the sort fields (in {@link #sort} order, typed as
     * {@link SortKey.Field#parse} returns them) and its id.
     */
    public record After(List<Object> values, UUID id) {

        public After {
            values = List.copyOf(values);
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * Parses and validates a request; every invalid field is reported at once as a 400 problem with field errors.
     * The cursor is checked last, against the otherwise valid query.
     */
    public static ListingQuery parse(Parameters in) {
        List<FieldError> errors = new ArrayList<>();

        String q = normalisedText(in.q());
        if (q != null && q.codePointCount(0, q.length()) > MAX_Q_LENGTH) {
            errors.add(new FieldError("q", "must be at most " + MAX_Q_LENGTH + " characters"));
        }
        UUID sector = uuid("sector", in.sector(), errors);
        UUID brand = uuid("brand", in.brand(), errors);
        BigDecimal minPrice = price("minPrice", in.minPrice(), errors);
        BigDecimal maxPrice = price("maxPrice", in.maxPrice(), errors);
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            errors.add(new FieldError("minPrice", "must not be greater than maxPrice"));
        }
        boolean inStock = bool("inStock", in.inStock(), errors);
        String sku = sku(in.sku(), errors);
        List<SortKey> sort = sort(in.sort(), q != null, errors);
        int limit = limit(in.limit(), errors);
        if (!errors.isEmpty()) {
            throw Problems.invalidFields(errors.stream().distinct().toList());
        }

        ListingQuery query = new ListingQuery(q, sector, brand, minPrice, maxPrice, inStock, sku, sort, limit, null);
        String cursor = blankToNull(in.cursor());
        return cursor == null ? query : query.after(query.decodeCursor(cursor));
    }

    /** The same query continuing after {@code position}. */
    public ListingQuery after(After position) {
        return new ListingQuery(q, sector, brand, minPrice, maxPrice, inStock, sku, sort, limit, position);
    }

    /**
     * A key that is equal exactly for equal queries (filters, order, limit and position), for caching a page. It
     * names the format version, so a change of format never serves an old entry.
     */
    public String cacheKey() {
        return CACHE_KEY_PREFIX + identity() + "&limit=" + limit + (after == null ? "" : "&after=" + position(after));
    }

    /** The cursor that continues this query after a row with these sort values and id. */
    public String cursorAfter(List<Object> values, UUID id) {
        if (values.size() != sort.size()) {
            throw new IllegalArgumentException("expected " + sort.size() + " sort values, got " + values.size());
        }
        return Cursors.encode(CURSOR_VERSION + "|" + queryHash() + "|" + position(new After(values, id)));
    }

    /** The canonical text of the filters and order: what a cursor is bound to (the limit may change between pages). */
    String identity() {
        StringBuilder text = new StringBuilder();
        append(text, "q", q);
        append(text, "sector", sector);
        append(text, "brand", brand);
        append(text, "minPrice", minPrice == null ? null : minPrice.toPlainString());
        append(text, "maxPrice", maxPrice == null ? null : maxPrice.toPlainString());
        append(text, "inStock", inStock ? "true" : null);
        append(text, "sku", sku);
        append(text, "sort", sort.stream().map(SortKey::toString).collect(Collectors.joining(",")));
        return text.toString();
    }

    /** The id, then each sort value with its '|' and '%' escaped (a name may hold anything). */
    private String position(After position) {
        StringBuilder text = new StringBuilder(position.id().toString());
        for (int i = 0; i < sort.size(); i++) {
            String value = sort.get(i).field().format(position.values().get(i));
            text.append('|').append(value.replace("%", "%25").replace("|", "%7C"));
        }
        return text.toString();
    }

    private static String unescape(String value) {
        StringBuilder text = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '%') {
                text.append(c);
            } else if (value.startsWith("%25", i)) {
                text.append('%');
                i += 2;
            } else if (value.startsWith("%7C", i)) {
                text.append('|');
                i += 2;
            } else {
                throw new IllegalArgumentException("not an escape");
            }
        }
        return text.toString();
    }

    private After decodeCursor(String cursor) {
        String[] parts = Cursors.decode(cursor).split("\\|", -1);
        if (parts.length < 3 || !CURSOR_VERSION.equals(parts[0])) {
            throw Cursors.invalid();
        }
        if (!queryHash().equals(parts[1])) {
            throw Problems.invalidField("cursor", "belongs to another query; start again without a cursor");
        }
        if (parts.length != 3 + sort.size()) {
            throw Cursors.invalid();
        }
        try {
            UUID id = strictUuid(parts[2]).orElseThrow(IllegalArgumentException::new);
            List<Object> values = new ArrayList<>(sort.size());
            for (int i = 0; i < sort.size(); i++) {
                values.add(sort.get(i).field().parse(unescape(parts[3 + i])));
            }
            return new After(values, id);
        } catch (RuntimeException e) {
            throw Cursors.invalid();
        }
    }

    /** 8 characters of SHA-256 over the query's identity: enough to tell queries apart, short enough for a URL. */
    private String queryHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void append(StringBuilder text, String name, Object value) {
        if (value != null) {
            text.append(text.isEmpty() ? "" : "&").append(name).append('=').append(encode(value.toString()));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** NFC (so "ё" typed either way is one character), control characters as spaces, spaces collapsed, lower case. */
    private static String normalisedText(String raw) {
        if (raw == null) {
            return null;
        }
        String text = SPACE_OR_CONTROL.matcher(Normalizer.normalize(raw, Normalizer.Form.NFC)).replaceAll(" ")
                .strip().toLowerCase(Locale.ROOT);
        return text.isEmpty() ? null : text;
    }

    private static UUID uuid(String field, String raw, List<FieldError> errors) {
        String text = blankToNull(raw);
        if (text == null) {
            return null;
        }
        Optional<UUID> id = strictUuid(text);
        if (id.isEmpty()) {
            errors.add(new FieldError(field, "must be a UUID"));
        }
        return id.orElse(null);
    }

    /** {@link UUID#fromString} also takes "1-2-3-4-5"; ids on the API are always the 36-character form. */
    private static Optional<UUID> strictUuid(String text) {
        return UUID_TEXT.matcher(text).matches() ? Optional.of(UUID.fromString(text)) : Optional.empty();
    }

    private static BigDecimal price(String field, String raw, List<FieldError> errors) {
        String text = blankToNull(raw);
        if (text == null) {
            return null;
        }
        if (text.startsWith("-") && amount(text.substring(1)).isPresent()) {
            errors.add(new FieldError(field, "must not be negative"));
            return null;
        }
        Optional<BigDecimal> amount = amount(text);
        if (amount.isEmpty()) {
            errors.add(new FieldError(field, "must be an amount such as 1234.50 (at most 2 decimals)"));
        }
        return amount.orElse(null);
    }

    /**
     * A non-negative amount that fits the price column (numeric(19, 2)), in its shortest form: 10.50, 10.5 and
     * 010.500 are one filter.
     */
    static Optional<BigDecimal> amount(String text) {
        if (!AMOUNT.matcher(text).matches()) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(text).stripTrailingZeros();
        if (amount.scale() < 0) {
            amount = amount.setScale(0);
        }
        boolean fits = amount.scale() <= MAX_AMOUNT_FRACTION_DIGITS
                && amount.precision() - amount.scale() <= MAX_AMOUNT_INTEGER_DIGITS;
        return fits ? Optional.of(amount) : Optional.empty();
    }

    private static boolean bool(String field, String raw, List<FieldError> errors) {
        String text = blankToNull(raw);
        if (text == null || text.equalsIgnoreCase("false")) {
            return false;
        }
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        errors.add(new FieldError(field, "must be true or false"));
        return false;
    }

    private static String sku(String raw, List<FieldError> errors) {
        String text = blankToNull(raw);
        if (text == null) {
            return null;
        }
        if (CONTROL.matcher(text).find()) {
            errors.add(new FieldError("sku", "must not contain control characters"));
            return null;
        }
        if (text.length() > MAX_SKU_LENGTH) {
            errors.add(new FieldError("sku", "must be at most " + MAX_SKU_LENGTH + " characters"));
            return null;
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static List<SortKey> sort(String raw, boolean searching, List<FieldError> errors) {
        String text = blankToNull(raw);
        if (text == null) {
            return searching ? SEARCH_SORT : DEFAULT_SORT;
        }
        String[] names = text.split(",", -1);
        if (names.length > MAX_SORT_FIELDS) {
            errors.add(new FieldError("sort", "must name at most " + MAX_SORT_FIELDS + " fields"));
            return DEFAULT_SORT;
        }
        List<SortKey> keys = new ArrayList<>();
        Set<SortKey.Field> seen = EnumSet.noneOf(SortKey.Field.class);
        for (String name : names) {
            String trimmed = name.strip();
            boolean descending = trimmed.startsWith("-");
            String fieldName = descending ? trimmed.substring(1) : trimmed;
            Optional<SortKey.Field> field = SortKey.Field.byApiName(fieldName);
            if (field.isEmpty()) {
                errors.add(new FieldError("sort", trimmed.isEmpty() ? "must not have an empty field"
                        : "cannot sort by '" + fieldName + "'; use price, createdAt, updatedAt, name or relevance"));
            } else if (!seen.add(field.get())) {
                errors.add(new FieldError("sort", "names '" + fieldName + "' more than once"));
            } else if (field.get() == SortKey.Field.RELEVANCE && !searching) {
                errors.add(new FieldError("sort", "relevance needs q"));
            } else if (field.get() == SortKey.Field.RELEVANCE && descending) {
                errors.add(new FieldError("sort", "relevance is always best match first; use 'relevance'"));
            } else {
                // Relevance is a rank: best match first is its descending order.
                keys.add(new SortKey(field.get(), descending || field.get() == SortKey.Field.RELEVANCE));
            }
        }
        return keys;
    }

    private static int limit(String raw, List<FieldError> errors) {
        String text = blankToNull(raw);
        if (text == null) {
            return Cursors.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= Cursors.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("limit", "must be between 1 and " + Cursors.MAX_LIMIT));
        return Cursors.DEFAULT_LIMIT;
    }

    private static String blankToNull(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }
}
