package com.fruitfulplanet.catalog.bulk;

import com.fruitfulplanet.catalog.web.Slugs;
import com.fruitfulplanet.catalog.product.ProductStatus;
import com.fruitfulplanet.platform.problem.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.web.ErrorResponseException;

/**
 * The checks a batch passes before it touches the database: section sizes, each field (with its path, e.g.
 * {@code products[12].sku}), and rows that contradict each other (one external id twice in a section, one SKU on
 * two live products, one slug twice under a parent). The rules match the editing API's (docs/catalog.md).
 */
final class BatchValidation {

    static final int MAX_EXTERNAL_ID = 200;
    static final int MAX_NAME = 200;
    static final int MAX_PRODUCT_NAME = 500;
    static final int MAX_DESCRIPTION = 100_000;
    static final int MAX_CODE = 64;
    static final int MAX_IMAGES = 50;
    static final int MAX_IMAGE_LENGTH = 2048;
    /** Beyond this an amount is a typo, not a price (numeric(19,2) would hold much more). */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    private static final Pattern SKU = Pattern.compile("^[A-Za-z0-9._/-]{1,64}$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
    private static final Pattern IMAGE = Pattern.compile("^(https?://\\S+|/\\S*)$");
    private static final Set<String> STATUSES =
            Arrays.stream(ProductStatus.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private final List<FieldError> errors = new ArrayList<>();

    private BatchValidation() {
    }

    /** {@code 413} when a section is over the limit, else {@code null}. */
    static ErrorResponseException sizeProblem(CatalogBatch batch, int maxRows) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("sectors", batch.sectors().size());
        sizes.put("brands", batch.brands().size());
        sizes.put("priceTypes", batch.priceTypes().size());
        sizes.put("warehouses", batch.warehouses().size());
        sizes.put("products", batch.products().size());
        sizes.put("prices", batch.prices().size());
        sizes.put("stock", batch.stock().size());
        sizes.values().removeIf(size -> size <= maxRows);
        return sizes.isEmpty() ? null : BatchProblems.tooLarge(sizes, maxRows);
    }

    /** Every field problem of the batch, in section order; empty when it may be applied. */
    static List<FieldError> errors(CatalogBatch batch) {
        BatchValidation check = new BatchValidation();
        check.sectors(batch.sectors());
        check.brands(batch.brands());
        check.priceTypes(batch.priceTypes());
        check.warehouses(batch.warehouses());
        check.products(batch.products());
        check.prices(batch.prices());
        check.stock(batch.stock());
        return List.copyOf(check.errors);
    }

    private void sectors(List<CatalogBatch.Sector> rows) {
        Unique externalIds = new Unique("externalId");
        Unique slugs = new Unique("slug");
        each("sectors", rows, (path, row) -> {
            externalId(path, "externalId", row.externalId(), externalIds);
            text(path + ".name", row.name(), true, MAX_NAME);
            text(path + ".description", row.description(), false, MAX_DESCRIPTION);
            if (slug(path + ".slug", row.slug())) {
                slugs.add(path, row.slug(), "");
            }
        });
    }

    private void brands(List<CatalogBatch.Brand> rows) {
        Unique externalIds = new Unique("externalId");
        Unique slugs = new Unique("slug");
        each("brands", rows, (path, row) -> {
            externalId(path, "externalId", row.externalId(), externalIds);
            externalId(path, "sectorExternalId", row.sectorExternalId(), null);
            text(path + ".name", row.name(), true, MAX_NAME);
            text(path + ".description", row.description(), false, MAX_DESCRIPTION);
            if (slug(path + ".slug", row.slug())) {
                // Slugs are unique per sector.
                slugs.add(path, row.slug(), Objects.toString(row.sectorExternalId()));
            }
        });
    }

    private void priceTypes(List<CatalogBatch.PriceType> rows) {
        Unique externalIds = new Unique("externalId");
        Unique codes = new Unique("code");
        Unique defaults = new Unique("default");
        each("priceTypes", rows, (path, row) -> {
            externalId(path, "externalId", row.externalId(), externalIds);
            text(path + ".name", row.name(), true, MAX_NAME);
            currency(path + ".currency", row.currency());
            if (slug(path + ".code", row.code())) {
                codes.add(path, row.code(), "");
            }
            if (Boolean.TRUE.equals(row.isDefault())) {
                defaults.add(path, "true", "");
            }
        });
    }

    private void warehouses(List<CatalogBatch.Warehouse> rows) {
        Unique externalIds = new Unique("externalId");
        Unique codes = new Unique("code");
        each("warehouses", rows, (path, row) -> {
            externalId(path, "externalId", row.externalId(), externalIds);
            text(path + ".name", row.name(), true, MAX_NAME);
            if (row.code() != null && text(path + ".code", row.code(), true, MAX_CODE)) {
                codes.add(path, row.code(), "");
            }
        });
    }

    private void products(List<CatalogBatch.Product> rows) {
        Unique externalIds = new Unique("externalId");
        Unique skus = new Unique("sku");
        each("products", rows, (path, row) -> {
            externalId(path, "externalId", row.externalId(), externalIds);
            if (row.sku() == null || row.sku().isBlank()) {
                error(path + ".sku", "must not be blank");
            } else if (!SKU.matcher(row.sku()).matches()) {
                error(path + ".sku", "must be 1 to 64 of A-Z, a-z, 0-9, '.', '_', '/', '-'");
            } else if (!Boolean.TRUE.equals(row.deleted())) {
                // Only live products hold their SKU.
                skus.add(path, row.sku(), "");
            }
            text(path + ".name", row.name(), true, MAX_PRODUCT_NAME);
            text(path + ".description", row.description(), false, MAX_DESCRIPTION);
            externalId(path, "brandExternalId", row.brandExternalId(), null);
            if (row.status() != null && !STATUSES.contains(row.status())) {
                error(path + ".status", "must be one of DRAFT, ACTIVE, ARCHIVED");
            }
            if (row.attributes() != null && containsNul(row.attributes())) {
                error(path + ".attributes", "must not contain NUL characters");
            }
            images(path + ".images", row.images());
        });
    }

    private void prices(List<CatalogBatch.Price> rows) {
        Unique keys = new Unique("priceTypeExternalId");
        each("prices", rows, (path, row) -> {
            boolean product = externalId(path, "productExternalId", row.productExternalId(), null);
            boolean type = externalId(path, "priceTypeExternalId", row.priceTypeExternalId(), null);
            if (product && type) {
                keys.add(path, row.productExternalId() + "\u0000" + row.priceTypeExternalId(), "");
            }
            Currency currency = currency(path + ".currency", row.currency());
            amount(path + ".amount", row.amount(), currency);
        });
    }

    private void stock(List<CatalogBatch.Stock> rows) {
        Unique keys = new Unique("warehouseExternalId");
        each("stock", rows, (path, row) -> {
            boolean product = externalId(path, "productExternalId", row.productExternalId(), null);
            boolean warehouse = externalId(path, "warehouseExternalId", row.warehouseExternalId(), null);
            if (product && warehouse) {
                keys.add(path, row.productExternalId() + "\u0000" + row.warehouseExternalId(), "");
            }
            quantity(path + ".quantity", row.quantity());
        });
    }

    // --- field rules

    private interface RowCheck<T> {
        void check(String path, T row);
    }

    private <T> void each(String section, List<T> rows, RowCheck<T> check) {
        for (int i = 0; i < rows.size(); i++) {
            String path = section + "[" + i + "]";
            if (rows.get(i) == null) {
                error(path, "must not be null");
            } else {
                check.check(path, rows.get(i));
            }
        }
    }

    private boolean externalId(String path, String field, String value, Unique unique) {
        boolean valid = text(path + "." + field, value, true, MAX_EXTERNAL_ID);
        if (valid && unique != null) {
            unique.add(path, value, "");
        }
        return valid;
    }

    private boolean text(String path, String value, boolean required, int maxLength) {
        if (value == null || value.isBlank()) {
            if (required) {
                error(path, "must not be blank");
                return false;
            }
            return true;
        }
        if (value.length() > maxLength) {
            error(path, "must be at most " + maxLength + " characters");
            return false;
        }
        if (value.indexOf('\u0000') >= 0) {
            error(path, "must not contain NUL characters");
            return false;
        }
        return true;
    }

    /** An optional slug or code; true when one is given and valid. */
    private boolean slug(String path, String value) {
        if (value == null) {
            return false;
        }
        if (!Slugs.isValid(value)) {
            error(path, "must be lowercase letters and digits in words joined by single hyphens, at most "
                    + Slugs.MAX_LENGTH + " characters");
            return false;
        }
        return true;
    }

    private Currency currency(String path, String value) {
        if (value == null || !CURRENCY.matcher(value).matches()) {
            error(path, "must be an ISO 4217 currency code such as RUB");
            return null;
        }
        try {
            return Currency.getInstance(value);
        } catch (IllegalArgumentException e) {
            error(path, "must be an ISO 4217 currency code such as RUB");
            return null;
        }
    }

    private void amount(String path, BigDecimal amount, Currency currency) {
        if (amount == null) {
            error(path, "must not be null");
        } else if (amount.signum() < 0) {
            error(path, "must not be negative");
        } else if (amount.compareTo(MAX_AMOUNT) >= 0) {
            error(path, "must be less than " + MAX_AMOUNT.toPlainString());
        } else {
            int fractionDigits = currency == null ? 2 : Math.max(0, currency.getDefaultFractionDigits());
            if (amount.stripTrailingZeros().scale() > Math.min(2, fractionDigits)) {
                error(path, "must have at most " + Math.min(2, fractionDigits) + " decimal places");
            }
        }
    }

    private void quantity(String path, BigDecimal quantity) {
        if (quantity == null) {
            error(path, "must not be null");
        } else if (quantity.signum() < 0) {
            error(path, "must not be negative");
        } else if (quantity.stripTrailingZeros().scale() > 0) {
            error(path, "must be a whole number");
        } else if (quantity.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            error(path, "must be at most " + Integer.MAX_VALUE);
        }
    }

    private void images(String path, List<String> images) {
        if (images == null) {
            return;
        }
        if (images.size() > MAX_IMAGES) {
            error(path, "must have at most " + MAX_IMAGES + " images");
            return;
        }
        for (int i = 0; i < images.size(); i++) {
            String image = images.get(i);
            if (image == null || image.length() > MAX_IMAGE_LENGTH || !IMAGE.matcher(image).matches()) {
                error(path + "[" + i + "]", "must be an http(s) URL or an absolute path, at most "
                        + MAX_IMAGE_LENGTH + " characters");
            }
        }
    }

    private static boolean containsNul(Object value) {
        return switch (value) {
            case String text -> text.indexOf('\u0000') >= 0;
            case Map<?, ?> map -> map.entrySet().stream()
                    .anyMatch(e -> containsNul(String.valueOf(e.getKey())) || e.getValue() != null
                            && containsNul(e.getValue()));
            case List<?> list -> list.stream().anyMatch(item -> item != null && containsNul(item));
            default -> false;
        };
    }

    private void error(String path, String message) {
        errors.add(new FieldError(path, message));
    }

    /** A value that must appear once per scope within a section; the second and later rows are reported. */
    private final class Unique {

        private final String field;
        private final Map<String, String> firstPath = new HashMap<>();

        Unique(String field) {
            this.field = field;
        }

        void add(String path, String value, String scope) {
            String first = firstPath.putIfAbsent(scope + "\u0000" + value, path);
            if (first != null) {
                error(path + "." + field, "repeats " + first + "." + field);
            }
        }
    }
}
