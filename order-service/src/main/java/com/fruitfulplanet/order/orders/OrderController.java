package com.fruitfulplanet.order.orders;

import com.fruitfulplanet.order.saga.OrderSaga;
import com.fruitfulplanet.order.saga.OrderWorkflow;
import com.fruitfulplanet.platform.idempotency.IdempotentRequests;
import com.fruitfulplanet.platform.paging.Cursors;
import com.fruitfulplanet.platform.paging.Page;
import com.fruitfulplanet.platform.problem.Problems;
import com.fruitfulplanet.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * API.md "Cart and orders", the orders half: place, read, list, cancel, and the fulfilment steps. A customer sees
 * and cancels only their own orders (another user's is a 404); managers and admins see all and move them along.
 */
@RestController
@RequestMapping("/api/v1/orders")
class OrderController {

    private final OrderPlacement placement;
    private final Orders orders;
    private final OrderQueries queries;
    private final OrderWorkflow workflow;
    private final OrderSaga saga;

    OrderController(OrderPlacement placement, Orders orders, OrderQueries queries, OrderWorkflow workflow,
                    OrderSaga saga) {
        this.placement = placement;
        this.orders = orders;
        this.queries = queries;
        this.workflow = workflow;
        this.saga = saga;
    }

    @PostMapping
    Mono<ResponseEntity<Object>> place(@AuthenticationPrincipal Jwt jwt,
                                       @RequestHeader(name = IdempotentRequests.HEADER, required = false)
                                       @Nullable String idempotencyKey,
                                       @Valid @RequestBody PlaceOrderRequest request) {
        return placement.place(Caller.of(jwt).id(), idempotencyKey, request);
    }

    @GetMapping
    Mono<Page<OrderSummary>> list(@AuthenticationPrincipal Jwt jwt,
                                  @RequestParam(required = false) @Nullable UUID userId,
                                  @RequestParam(required = false) @Nullable String status,
                                  @RequestParam(required = false) @Nullable Integer limit,
                                  @RequestParam(required = false) @Nullable String cursor) {
        Caller caller = Caller.of(jwt);
        if (!caller.isStaff() && userId != null && !userId.equals(caller.id())) {
            return Mono.error(Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "Only managers and admins list other users' orders."));
        }
        UUID whose = caller.isStaff() ? userId : caller.id();
        return queries.list(whose, status == null ? null : parseStatus("status", status), Cursors.limit(limit),
                cursor);
    }

    @GetMapping("/{id}")
    Mono<OrderView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return visible(Caller.of(jwt), orders.find(id)).flatMap(this::view);
    }

    /** Cancels with compensation (release the stock; void or refund the payment); cancelling twice is harmless. */
    @PostMapping("/{id}/cancel")
    Mono<OrderView> cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        Caller caller = Caller.of(jwt);
        return visible(caller, orders.find(id))
                .flatMap(found -> workflow.stepInTransaction(id, order -> {
                    if (order.status() != OrderStatus.CANCELLED && !order.status().cancellable()) {
                        throw Problems.conflict("order-not-cancellable", "Order cannot be cancelled",
                                "Order " + order.number() + " is " + order.status() + "; an order can be "
                                        + "cancelled until it is shipped. Ask the shop for a return instead.");
                    }
                    CancelReason reason = caller.id().equals(order.userId())
                            ? CancelReason.CANCELLED_BY_USER : CancelReason.CANCELLED_BY_STAFF;
                    return saga.cancel(order, reason, caller.id().toString());
                }))
                .flatMap(this::view);
    }

    record StatusChange(@NotNull String status, @Nullable @Size(max = 500) String note) {
    }

    /** A fulfilment step (MANAGER, ADMIN): CONFIRMED → SHIPPED → DELIVERED. The same step again changes nothing. */
    @PostMapping("/{id}/status")
    Mono<OrderView> move(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
                         @Valid @RequestBody StatusChange request) {
        OrderStatus target = parseStatus("status", request.status());
        if (target != OrderStatus.SHIPPED && target != OrderStatus.DELIVERED) {
            return Mono.error(Problems.invalidField("status", "must be SHIPPED or DELIVERED (confirmation, "
                    + "cancellation and refunds have their own ways)"));
        }
        Caller caller = Caller.of(jwt);
        return workflow.stepInTransaction(id, order -> {
                    if (order.status() == target) {
                        return order.change();
                    }
                    if (!order.status().canBecome(target)) {
                        throw Problems.conflict("invalid-status-transition", "Invalid status change",
                                "Order " + order.number() + " is " + order.status() + " and cannot become " + target
                                        + "; it can become " + order.status().next() + ".");
                    }
                    Transition move = order.change().status(target).by(caller.id().toString());
                    return request.note() == null ? move : move.note(request.note());
                })
                .switchIfEmpty(Mono.error(() -> Problems.notFound("order")))
                .flatMap(this::view);
    }

    private static Mono<Order> visible(Caller caller, Mono<Order> order) {
        return order
                .filter(found -> caller.isStaff() || found.userId().equals(caller.id()))
                .switchIfEmpty(Mono.error(() -> Problems.notFound("order")));
    }

    private Mono<OrderView> view(Order order) {
        return Mono.zip(orders.shippingAddress(order.id()), orders.history(order.id()))
                .map(parts -> OrderView.of(order, parts.getT1(), parts.getT2()));
    }

    private static OrderStatus parseStatus(String field, String value) {
        try {
            return OrderStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw Problems.invalidField(field, "must be one of " + Arrays.toString(OrderStatus.values()));
        }
    }
}
