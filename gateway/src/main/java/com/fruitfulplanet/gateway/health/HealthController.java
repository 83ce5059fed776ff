package com.fruitfulplanet.gateway.health;

import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /api/health/liveness} and {@code /api/health/readiness}, exactly as shared/docs/API.md pins them. */
@RestController
@RequestMapping("/api/health")
class HealthController {

    record Liveness(String status, Instant timestamp) {
    }

    private final PlatformReadiness readiness;

    HealthController(PlatformReadiness readiness) {
        this.readiness = readiness;
    }

    @GetMapping("/liveness")
    Liveness liveness() {
        return new Liveness("ok", Instant.now());
    }

    @GetMapping("/readiness")
    Mono<ResponseEntity<Readiness>> readiness() {
        return readiness.check().map(result -> ResponseEntity
                .status(result.isReady() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .header("Cache-Control", "no-store")
                .body(result));
    }
}
