package com.fruitfulplanet.platform.events.testapp;

import java.util.UUID;

import com.fruitfulplanet.contracts.events.EventMetadata;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A write request, so tests can check that the request's trace travels with the event it causes. */
@RestController
class TestOrderController {

    private final TestOrders orders;

    TestOrderController(TestOrders orders) {
        this.orders = orders;
    }

    @PutMapping("/test/orders/{id}/status")
    Mono<EventMetadata> changeStatus(@PathVariable UUID id, @RequestBody String status) {
        return orders.changeStatus(id, status);
    }
}
