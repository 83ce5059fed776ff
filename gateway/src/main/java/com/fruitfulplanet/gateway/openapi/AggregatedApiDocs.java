package com.fruitfulplanet.gateway.openapi;

import com.fruitfulplanet.gateway.routing.Backend;
import com.fruitfulplanet.platform.openapi.PlatformOpenApiCustomizer;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The platform's one OpenAPI document: every reachable service's public operations, merged
 * ({@link ApiDocumentMerger}). A service that does not answer is left out and named in
 * {@value #UNAVAILABLE_SERVICES} rather than failing the whole document. The result is reused for a while
 * ({@link ApiDocsProperties}), so that documentation readers do not turn into a load on every service; concurrent
 * requests while it is being built share the one build.
 */
@Component
class AggregatedApiDocs {

    static final String TITLE = "FruitfulPlanet API";
    static final String UNAVAILABLE_SERVICES = "x-unavailable-services";

    /** The serialized document, and which services it lacks. */
    record MergedDocument(byte[] json, List<String> unavailableServices) {
    }

    /** A service's document, or {@code null} when it could not be had. */
    private record Fetched(String service, ServiceApiDocument document) {
    }

    private final List<Backend> backends;
    private final BackendApiDocs backendApiDocs;
    private final PlatformOpenApiCustomizer platform;
    private final Mono<MergedDocument> cached;

    AggregatedApiDocs(List<Backend> backends, BackendApiDocs backendApiDocs, PlatformOpenApiCustomizer platform,
            ApiDocsProperties properties) {
        this.backends = backends;
        this.backendApiDocs = backendApiDocs;
        this.platform = platform;
        this.cached = Mono.defer(this::mergeNow).cache(
                merged -> merged.unavailableServices().isEmpty() ? properties.cacheTtl()
                        : properties.degradedCacheTtl(),
                error -> Duration.ZERO,
                () -> Duration.ZERO);
    }

    Mono<MergedDocument> document() {
        return cached;
    }

    private Mono<MergedDocument> mergeNow() {
        return Flux.fromIterable(backends)
                .flatMapSequential(backend -> backendApiDocs.fetch(backend)
                        .map(document -> new Fetched(backend.name(), document))
                        .onErrorResume(e -> Mono.just(new Fetched(backend.name(), null))))
                .collectList()
                // Merging is CPU work too; the last answer may have arrived on an event loop.
                .publishOn(Schedulers.parallel())
                .map(this::merge);
    }

    private MergedDocument merge(List<Fetched> fetched) {
        List<ServiceApiDocument> documents = fetched.stream().map(Fetched::document).filter(Objects::nonNull).toList();
        List<String> unavailable = fetched.stream().filter(f -> f.document() == null).map(Fetched::service).toList();

        OpenAPI merged = ApiDocumentMerger.merge(documents);
        merged.info(new Info().title(TITLE).version(platform.version()).description("""
                Every public operation of FruitfulPlanet, merged from the services' own documents \
                (each at /v3/api-docs/{service}). All calls go through the gateway. Services listed in \
                x-unavailable-services did not answer when this document was built; their operations are missing \
                until they do."""));
        merged.servers(new ArrayList<>(List.of(
                new Server().url(platform.publicUrl().toString()).description("FruitfulPlanet gateway"))));
        merged.addExtension(UNAVAILABLE_SERVICES, unavailable);
        try {
            byte[] json = (merged.getSpecVersion() == SpecVersion.V31 ? Json31.mapper() : Json.mapper())
                    .writeValueAsBytes(merged);
            return new MergedDocument(json, unavailable);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Could not write the merged OpenAPI document", e);
        }
    }
}
