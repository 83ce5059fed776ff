package com.fruitfulplanet.platform.events.testapp;

import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A write request, so tests can check that the request's trace travels with the event it causes, and the benchmark
 * can compare request throughput with and without the outbox.
 */
@RestController
class TestOrderController {

    private final TestOrders orders;

    TestOrderController(TestOrders orders) {
        this.orders = orders;
    }

    @PutMapping("/test/orders/{id}/status")
    Mono<Void> changeStatus(@PathVariable UUID id, @RequestBody String status) {
        return orders.changeStatus(id, status).then();
    }

    /** The same write without the event: the benchmark's baseline. */
    @PutMapping("/test/orders/{id}/status-without-event")
    Mono<Void> changeStatusWithoutEvent(@PathVariable UUID id, @RequestBody String status) {
        return orders.changeStatusWithoutEvent(id, status);
    }
}
