package com.fruitfulplanet.order.cart;

import com.fruitfulplanet.platform.problem.Problems;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The cart's own problems; each {@code type} is listed in docs/cart.md. */
final class CartProblems {

    private CartProblems() {
    }

    static ErrorResponseException productUnavailable(UUID productId) {
        ErrorResponseException problem = Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "product-unavailable",
                "Product unavailable", "The product is unknown, deleted or not on sale.");
        problem.getBody().setProperty("productId", productId);
        return problem;
    }

    static ErrorResponseException cartFull(int maxLines) {
        ErrorResponseException problem = Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "cart-full",
                "Cart full", "A cart holds at most " + maxLines + " different products.");
        problem.getBody().setProperty("maxLines", maxLines);
        return problem;
    }

    /** Adding a product priced in another currency than the rest of the cart (422 on PUT). */
    static ErrorResponseException currencyMismatch() {
        return Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "mixed-currencies", "Mixed currencies",
                "The product is priced in another currency than the rest of the cart; order it separately.");
    }

    /** The cart's products are priced in several currencies (after a price change): no total exists (409). */
    static ErrorResponseException mixedCurrencies() {
        return Problems.conflict("mixed-currencies", "Mixed currencies",
                "The products in the cart are priced in different currencies, so they have no total; remove the "
                        + "lines of one currency and order them separately.");
    }
}
