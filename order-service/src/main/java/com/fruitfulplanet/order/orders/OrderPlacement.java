package com.fruitfulplanet.order.orders;

import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.order.cart.CartLine;
import com.fruitfulplanet.order.cart.Carts;
import com.fruitfulplanet.order.catalog.CatalogProduct;
import com.fruitfulplanet.order.catalog.ProductCatalog;
import com.fruitfulplanet.order.saga.CheckoutAdmission;
import com.fruitfulplanet.order.saga.OrderMetrics;
import com.fruitfulplanet.order.saga.OrderSaga;
import com.fruitfulplanet.platform.idempotency.IdempotentRequests;
import com.fruitfulplanet.platform.problem.FieldError;
import com.fruitfulplanet.platform.problem.Problems;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Placing an order: the lines (given, or the cart's), priced from the catalog read model, stored PENDING with the
 * saga's first command — all under the request's {@code Idempotency-Key}, so a retried or doubled request places
 * one order and gets the same answer.
 */
@Service
class OrderPlacement {

    static final String SCOPE = "orders.place";

    private final IdempotentRequests idempotency;
    private final ProductCatalog catalog;
    private final Carts carts;
    private final Orders orders;
    private final OrderSaga saga;
    private final OrderMetrics metrics;
    private final CheckoutAdmission admission;

    OrderPlacement(IdempotentRequests idempotency, ProductCatalog catalog, Carts carts, Orders orders,
                   OrderSaga saga, OrderMetrics metrics, CheckoutAdmission admission) {
        this.idempotency = idempotency;
        this.catalog = catalog;
        this.carts = carts;
        this.orders = orders;
        this.saga = saga;
        this.metrics = metrics;
        this.admission = admission;
    }

    Mono<ResponseEntity<Object>> place(UUID userId, @Nullable String idempotencyKey, PlaceOrderRequest request) {
        checkShape(request);
        // Inside the work: a replay of an order placed before is answered even while checkout is busy.
        Mono<ResponseEntity<?>> work = admission.admit()
                .then(requestedLines(userId, request))
                .flatMap(lines -> price(lines))
                .flatMap(lines -> {
                    Money total = lines.stream().map(OrderLine::lineTotal).reduce(Money::plus).orElseThrow();
                    return orders.insert(UUID.randomUUID(), userId, idempotencyKey, lines, total,
                            request.shippingAddress(), request.paymentMethod().provider(),
                            request.paymentMethod().token(), saga::start);
                })
                .flatMap(order -> metrics.placed(order).then(orders.history(order.id()))
                        .map(history -> ResponseEntity.status(HttpStatus.CREATED)
                                .location(URI.create("/api/v1/orders/" + order.id()))
                                .body(OrderView.of(order, request.shippingAddress(), history))));
        return idempotency.execute(SCOPE, userId, idempotencyKey, request, work)
                .flatMap(response -> request.takesCart() && response.getStatusCode().is2xxSuccessful()
                        // After the commit: a cart emptied for an order that then rolled back would be lost.
                        ? carts.clear(userId).thenReturn(response) : Mono.just(response));
    }

    private static void checkShape(PlaceOrderRequest request) {
        boolean hasItems = request.items() != null && !request.items().isEmpty();
        if (hasItems == request.takesCart()) {
            throw Problems.invalidField("items", "give either items or \"fromCart\": true");
        }
        if (hasItems) {
            Set<UUID> seen = new HashSet<>();
            List<FieldError> duplicates = new ArrayList<>();
            for (int i = 0; i < request.items().size(); i++) {
                if (!seen.add(request.items().get(i).productId())) {
                    duplicates.add(new FieldError("items[" + i + "].productId",
                            "appears twice; give one line per product with the total quantity"));
                }
            }
            if (!duplicates.isEmpty()) {
                throw Problems.invalidFields(duplicates);
            }
        }
    }

    private Mono<List<CartLine>> requestedLines(UUID userId, PlaceOrderRequest request) {
        if (!request.takesCart()) {
            return Mono.just(request.items().stream()
                    .map(item -> new CartLine(item.productId(), item.quantity()))
                    .toList());
        }
        return carts.lines(userId).flatMap(lines -> lines.isEmpty()
                ? Mono.error(Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "cart-empty", "Cart is empty",
                        "\"fromCart\": true needs a cart with something in it."))
                : lines.size() > PlaceOrderRequest.MAX_LINES
                        ? Mono.error(Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "too-many-lines",
                                "Too many lines", "An order takes at most " + PlaceOrderRequest.MAX_LINES
                                        + " different products."))
                        : Mono.just(lines));
    }

    /** Every line at the catalog's current price; a product that cannot be bought now fails the whole order. */
    private Mono<List<OrderLine>> price(List<CartLine> wanted) {
        return catalog.purchasable(wanted.stream().map(CartLine::productId).toList())
                .map(products -> {
                    List<FieldError> unavailable = new ArrayList<>();
                    List<OrderLine> lines = new ArrayList<>();
                    for (int i = 0; i < wanted.size(); i++) {
                        CartLine line = wanted.get(i);
                        CatalogProduct product = products.get(line.productId());
                        if (product == null) {
                            unavailable.add(new FieldError("items[" + i + "].productId",
                                    "product " + line.productId() + " is not for sale"));
                        } else {
                            lines.add(new OrderLine(product.id(), product.sku(), product.name(), line.quantity(),
                                    product.price()));
                        }
                    }
                    if (!unavailable.isEmpty()) {
                        throw withErrors(Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "product-unavailable",
                                "Product unavailable", "Some products of the order cannot be bought now."),
                                unavailable);
                    }
                    if (lines.stream().map(l -> l.unitPrice().currency()).distinct().count() > 1) {
                        throw Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "mixed-currencies",
                                "Mixed currencies", "The products of one order must be priced in one currency.");
                    }
                    return lines;
                });
    }

    private static RuntimeException withErrors(org.springframework.web.ErrorResponseException problem,
                                               List<FieldError> errors) {
        problem.getBody().setProperty("errors", errors);
        return problem;
    }
}
