package com.fruitfulplanet.catalog.bulk;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The internal bulk API sync-1c-service calls after parsing a 1C exchange (PARTNER or ADMIN; not routed by the
 * gateway). Its body may be far larger than the 1 MB every other endpoint takes: it is read here with its own limit
 * ({@link BulkProperties#maxBodySize()}) and parsed off the event loop.
 */
@RestController
@Tag(name = "Catalog batches (internal)")
class CatalogBatchController {

    private final CatalogBatches batches;
    private final JsonMapper json;
    private final int maxBodyBytes;

    CatalogBatchController(CatalogBatches batches, JsonMapper json, BulkProperties properties) {
        this.batches = batches;
        this.json = json;
        this.maxBodyBytes = Math.toIntExact(properties.maxBodySize().toBytes());
    }

    @PostMapping(path = "/internal/v1/catalog/batches", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Upsert sectors, brands, price types, warehouses, products, prices and stock by 1C id",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = CatalogBatch.class))))
    @ApiResponse(responseCode = "200", description = "Applied; what changed per section")
    @ApiResponse(responseCode = "413", description = "batch-too-large: a section over the row limit, or the body "
            + "over the size limit")
    @ApiResponse(responseCode = "422", description = "unknown-reference: an external id neither in the batch nor "
            + "in the catalog")
    @ApiResponse(responseCode = "409", description = "duplicate-sku, duplicate-slug, duplicate-code, "
            + "default-price-type")
    Mono<BatchResult> apply(ServerHttpRequest request) {
        return DataBufferUtils.join(request.getBody(), maxBodyBytes)
                .switchIfEmpty(Mono.error(() -> new ServerWebInputException("The request body is missing.")))
                .publishOn(Schedulers.boundedElastic())
                .map(this::read)
                .flatMap(batches::apply);
    }

    private CatalogBatch read(DataBuffer body) {
        try (InputStream in = body.asInputStream(true)) {
            CatalogBatch batch = json.readValue(in, CatalogBatch.class);
            if (batch == null) {
                throw new ServerWebInputException("The request body is missing.");
            }
            return batch;
        } catch (JacksonException e) {
            // The platform answers this as it answers any body that is not valid JSON for its endpoint.
            throw new ServerWebInputException("Invalid JSON", null, new DecodingException(e.getOriginalMessage(), e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
