package com.fruitfulplanet.gateway.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fruitfulplanet.gateway.routing.Backend;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v3/api-docs}: the merged document of the whole platform; {@code GET /v3/api-docs/{service}}: one
 * service's, as clients see it through the gateway. Both are public, like the Swagger UI that reads them.
 */
@Hidden
@RestController
class ApiDocsController {

    private final AggregatedApiDocs aggregated;
    private final BackendApiDocs backendApiDocs;
    private final List<Backend> backends;

    ApiDocsController(AggregatedApiDocs aggregated, BackendApiDocs backendApiDocs, List<Backend> backends) {
        this.aggregated = aggregated;
        this.backendApiDocs = backendApiDocs;
        this.backends = backends;
    }

    @GetMapping(path = BackendApiDocs.API_DOCS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<byte[]> merged() {
        return aggregated.document().map(AggregatedApiDocs.MergedDocument::json);
    }

    @GetMapping(path = BackendApiDocs.API_DOCS_PATH + "/{service}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<byte[]> service(@PathVariable String service) {
        Backend backend = backends.stream().filter(b -> b.name().equals(service)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "There is no service named '" + service + "'."));
        return backendApiDocs.fetch(backend)
                .map(ApiDocsController::write)
                .onErrorMap(e -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                                "The API document of " + service + " is unavailable.", e));
    }

    private static byte[] write(ServiceApiDocument document) {
        try {
            return document.mapper().writeValueAsBytes(document.json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
