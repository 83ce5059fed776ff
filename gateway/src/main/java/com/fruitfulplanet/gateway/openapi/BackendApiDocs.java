package com.fruitfulplanet.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fruitfulplanet.gateway.routing.Backend;
import com.fruitfulplanet.gateway.routing.PublicRoutes;
import io.swagger.v3.core.util.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Fetches a backend's own OpenAPI document from {@code /v3/api-docs} on its API port, with a short deadline, and
 * reduces it to the paths the gateway routes to it ({@link PublicApiFilter}).
 */
@Component
class BackendApiDocs {

    /** Where every service built on the platform starter serves its document (springdoc's default). */
    static final String API_DOCS_PATH = "/v3/api-docs";

    private static final Logger log = LoggerFactory.getLogger(BackendApiDocs.class);
    /** A large service's document is a few hundred kilobytes; the platform's 1 MB codec limit is for requests. */
    private static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

    private final WebClient client;
    private final ApiDocsProperties properties;
    private final Map<Backend, PublicApiFilter> filters;

    BackendApiDocs(WebClient.Builder clients, ApiDocsProperties properties, List<Backend> backends) {
        this.client = clients.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_DOCUMENT_BYTES)).build();
        this.properties = properties;
        this.filters = backends.stream().collect(Collectors.toMap(Function.identity(),
                backend -> new PublicApiFilter(PublicRoutes.httpPaths(backend.service()))));
    }

    /** Errors when the backend does not answer in time or with an OpenAPI document. */
    Mono<ServiceApiDocument> fetch(Backend backend) {
        return client.get()
                .uri(backend.uri().resolve(API_DOCS_PATH))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(byte[].class)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("empty answer")))
                .timeout(properties.fetchTimeout())
                // Reading a document of some hundred kilobytes is CPU work: not on the event loop.
                .publishOn(Schedulers.parallel())
                .map(body -> readable(
                        new ServiceApiDocument(backend.name(), filters.get(backend).apply(parse(body)))))
                .doOnError(e -> log.warn("No OpenAPI document from {}: {}", backend.name(), e.toString()));
    }

    /** A document swagger's model cannot read would fail the merge of all; it counts as not answered instead. */
    private static ServiceApiDocument readable(ServiceApiDocument document) {
        try {
            document.toModel();
            return document;
        } catch (IOException e) {
            throw new IllegalStateException("not a valid OpenAPI document", e);
        }
    }

    private static ObjectNode parse(byte[] body) {
        try {
            JsonNode json = Json.mapper().readTree(body);
            if (json instanceof ObjectNode document && document.path("openapi").asText().startsWith("3.")) {
                return document;
            }
        } catch (IOException e) {
            throw new IllegalStateException("not JSON", e);
        }
        throw new IllegalStateException("not an OpenAPI 3 document");
    }
}
