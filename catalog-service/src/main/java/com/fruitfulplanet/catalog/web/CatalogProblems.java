package com.fruitfulplanet.catalog.web;

import com.fruitfulplanet.platform.problem.Problems;
import org.springframework.web.ErrorResponseException;

/** The catalog's own problems; each {@code type} is listed in docs/catalog.md. */
public final class CatalogProblems {

    private CatalogProblems() {
    }

    /** Optimistic locking: someone changed it since the caller read it. */
    public static ErrorResponseException staleVersion(String what, long current) {
        ErrorResponseException problem = Problems.conflict("stale-version", "Stale version",
                "The " + what + " was changed by someone else (now version " + current + "). Read it again and "
                        + "reapply your change.");
        problem.getBody().setProperty("currentVersion", current);
        return problem;
    }

    public static ErrorResponseException duplicateSlug(String slug) {
        return Problems.conflict("duplicate-slug", "Duplicate slug",
                "The slug '" + slug + "' is already used here; slugs are unique within their parent.");
    }

    public static ErrorResponseException duplicateSku(String sku) {
        return Problems.conflict("duplicate-sku", "Duplicate SKU", "A product with SKU '" + sku + "' exists.");
    }

    public static ErrorResponseException notEmpty(String what, String children) {
        return Problems.conflict(what + "-not-empty", capitalised(what) + " not empty",
                "The " + what + " still has " + children + "; delete or move them first.");
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
