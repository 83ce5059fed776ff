package com.fruitfulplanet.catalog.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One field of a listing's order, as the API names it: {@code price}, {@code -createdAt}. Each field knows how its
 * value is written into a cursor and read back, so a cursor carries exactly the types the SQL compares.
 */
public record SortKey(Field field, boolean descending) {

    public SortKey {
        Objects.requireNonNull(field, "field");
        if (field == Field.RELEVANCE && !descending) {
            throw new IllegalArgumentException("relevance orders best match (highest rank) first");
        }
    }

    /** The fields a listing may be sorted by; the SQL column of each is fixed in {@link ProductListing}. */
    public enum Field {
        PRICE("price"),
        CREATED_AT("createdAt"),
        UPDATED_AT("updatedAt"),
        NAME("name"),
        /** Best match first; only with {@code q}. */
        RELEVANCE("relevance");

        /** Earliest and latest instant a cursor may carry: inside what PostgreSQL's timestamptz can hold. */
        private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
        private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
        /** Longer than any product name (the column allows 500): a cursor claiming more is not ours. */
        private static final int MAX_NAME = 1000;

        private final String apiName;

        Field(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }

        static Optional<Field> byApiName(String name) {
            return Arrays.stream(values()).filter(field -> field.apiName.equals(name)).findFirst();
        }

        /** The value as a cursor stores it. */
        String format(Object value) {
            return switch (this) {
                case PRICE -> ((BigDecimal) value).toPlainString();
                case CREATED_AT, UPDATED_AT, NAME -> value.toString();
                case RELEVANCE -> Float.toString((Float) value);
            };
        }

        /** The value back from a cursor; {@link IllegalArgumentException} for anything this API did not write. */
        Object parse(String text) {
            return switch (this) {
                case PRICE -> ListingQuery.amount(text).orElseThrow(IllegalArgumentException::new);
                case CREATED_AT, UPDATED_AT -> {
                    Instant instant = Instant.parse(text);
                    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                        throw new IllegalArgumentException("out of range");
                    }
                    yield instant;
                }
                case NAME -> {
                    if (text.length() > MAX_NAME || text.indexOf('\0') >= 0) {
                        throw new IllegalArgumentException("not a name");
                    }
                    yield text;
                }
                case RELEVANCE -> {
                    float rank = Float.parseFloat(text);
                    if (!Float.isFinite(rank) || rank < 0) {
                        throw new IllegalArgumentException("not a rank");
                    }
                    yield rank;
                }
            };
        }
    }

    /** As the API writes it: {@code price}, {@code -createdAt}; {@code relevance} is always best match first. */
    @Override
    public String toString() {
        return (descending && field != Field.RELEVANCE ? "-" : "") + field.apiName();
    }
}
