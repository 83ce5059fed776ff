package com.fruitfulplanet.catalog.product;

import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/admin/catalog/republish} (ADMIN): every product's current state is published again (see
 * {@link ProductRepublisher}); answers how many once the events are in the outbox.
 */
@RestController
class RepublishController {

    private final ProductRepublisher republisher;

    RepublishController(ProductRepublisher republisher) {
        this.republisher = republisher;
    }

    @PostMapping("/api/v1/admin/catalog/republish")
    Mono<Map<String, Long>> republish() {
        return republisher.republishAll().map(count -> Map.of("products", count));
    }
}
