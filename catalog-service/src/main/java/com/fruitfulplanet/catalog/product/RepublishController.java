package com.fruitfulplanet.catalog.product;

import com.fruitfulplanet.platform.problem.Problems;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/admin/catalog/republish} (ADMIN): every product's current state is published again (see
 * {@link ProductRepublisher}). A whole catalog takes longer than an HTTP request should (100 000 products: tens of
 * seconds), so it runs in the background: 202 at once, the outcome in the log and in
 * {@code fruitfulplanet.catalog.republished}; one at a time (409 while one runs).
 */
@RestController
class RepublishController {

    private static final Logger log = LoggerFactory.getLogger(RepublishController.class);

    private final ProductRepublisher republisher;
    private final AtomicBoolean running = new AtomicBoolean();

    RepublishController(ProductRepublisher republisher) {
        this.republisher = republisher;
    }

    /** @param sectorId only this sector's products (e.g. after fixing one sector's data); none: everything */
    @PostMapping("/api/v1/admin/catalog/republish")
    Mono<ResponseEntity<Map<String, String>>> republish(@RequestParam(required = false) UUID sectorId) {
        if (!running.compareAndSet(false, true)) {
            return Mono.error(Problems.conflict("republish-running", "Republish running",
                    "The catalog is being republished already; the log says when it is done."));
        }
        republisher.republish(sectorId)
                .doFinally(signal -> running.set(false))
                .subscribe(count -> { }, error -> log.error("Republishing the catalog failed", error));
        return Mono.just(ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "started")));
    }
}
