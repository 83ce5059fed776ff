package com.fruitfulplanet.catalog.bulk;

import com.fruitfulplanet.platform.problem.FieldError;
import com.fruitfulplanet.platform.problem.Problems;
import io.r2dbc.postgresql.api.PostgresqlException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Why a batch is refused. Every refusal leaves the catalog as it was (the batch is one transaction). Lists of
 * offending rows name them by path ({@code products[12].sku}) and are cut at {@value #LISTED}; {@code errorCount}
 * says how many there were.
 */
final class BatchProblems {

    static final int LISTED = 100;

    private BatchProblems() {
    }

    static ErrorResponseException invalid(List<FieldError> errors) {
        return withCount(Problems.invalidFields(first(errors)), errors);
    }

    static ErrorResponseException tooLarge(Map<String, Integer> oversized, int maxRows) {
        String sections = oversized.entrySet().stream().map(e -> e.getKey() + " has " + e.getValue())
                .collect(Collectors.joining(", "));
        return Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "batch-too-large", "Batch too large",
                "A section may have at most %d rows; %s. Send it in several batches.".formatted(maxRows, sections));
    }

    static ErrorResponseException unknownReferences(List<FieldError> errors) {
        return withErrors(Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-reference", "Unknown reference",
                "The batch refers to external ids that are neither in the catalog nor in the batch."), errors);
    }

    static ErrorResponseException duplicateSku(List<FieldError> errors, List<String> skus) {
        ErrorResponseException problem = withErrors(Problems.conflict("duplicate-sku", "Duplicate SKU",
                "SKUs already used by other live products: " + String.join(", ", first(skus)) + "."), errors);
        problem.getBody().setProperty("skus", first(skus));
        return problem;
    }

    static ErrorResponseException duplicateSlug(List<FieldError> errors) {
        return withErrors(Problems.conflict("duplicate-slug", "Duplicate slug",
                "Slugs already used by other live rows of the same parent."), errors);
    }

    static ErrorResponseException duplicateCode(List<FieldError> errors) {
        return withErrors(Problems.conflict("duplicate-code", "Duplicate code",
                "Codes already used by other price types or warehouses."), errors);
    }

    static ErrorResponseException defaultPriceTypeTaken(String path, String currentExternalId) {
        ErrorResponseException problem = Problems.conflict("default-price-type", "Default price type is set",
                "The shop already sells at the price type with external id '%s'; a batch cannot make another one "
                        .formatted(currentExternalId) + "the default.");
        problem.getBody().setProperty("errors", List.of(new FieldError(path, "another price type is the default")));
        return problem;
    }

    /**
     * A unique index refused a row the checks let through: rows that swap SKUs or slugs within one batch, or a
     * concurrent edit in the shop. Named by what collided, never with the SQL.
     */
    static ErrorResponseException fromDuplicateKey(DuplicateKeyException e) {
        String constraint = e.getCause() instanceof PostgresqlException postgres
                ? postgres.getErrorDetails().getConstraintName().orElse("") : "";
        return switch (constraint) {
            case "product_sku_key" -> Problems.conflict("duplicate-sku", "Duplicate SKU",
                    "An SKU of the batch is used by another live product (or two rows of the batch exchange SKUs: "
                            + "send that change in two batches).");
            case "sector_slug_key", "brand_slug_key" -> Problems.conflict("duplicate-slug", "Duplicate slug",
                    "A slug of the batch is used by another live row of the same parent.");
            case "price_type_code_key", "warehouse_code_key" -> Problems.conflict("duplicate-code",
                    "Duplicate code", "A code of the batch is used by another price type or warehouse.");
            default -> Problems.conflict("batch-conflict", "Conflicting change",
                    "The batch conflicts with a concurrent change of the catalog; send it again.");
        };
    }

    private static ErrorResponseException withErrors(ErrorResponseException problem, List<FieldError> errors) {
        problem.getBody().setProperty("errors", first(errors));
        return withCount(problem, errors);
    }

    private static ErrorResponseException withCount(ErrorResponseException problem, List<FieldError> errors) {
        problem.getBody().setProperty("errorCount", errors.size());
        return problem;
    }

    private static <T> List<T> first(List<T> items) {
        return items.size() <= LISTED ? List.copyOf(items) : List.copyOf(items.subList(0, LISTED));
    }
}
