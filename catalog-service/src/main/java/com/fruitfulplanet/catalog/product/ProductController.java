package com.fruitfulplanet.catalog.product;

import com.fruitfulplanet.catalog.web.Versions;
import com.fruitfulplanet.platform.security.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * API.md "Catalog": a product by id (public; drafts for staff only) and its writes (MANAGER, ADMIN). Reads carry an
 * {@code ETag} of the version; writes take the version in the body or as {@code If-Match} and answer 409 when it is
 * stale. The listing ({@code GET /api/v1/products}) is the search package's.
 */
@RestController
@RequestMapping("/api/v1/products")
class ProductController {

    private final ProductService service;

    ProductController(ProductService service) {
        this.service = service;
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<ProductView>> get(@PathVariable UUID id, @AuthenticationPrincipal Jwt caller) {
        return service.get(id, caller != null && Caller.of(caller).isStaff()).map(ProductController::withETag);
    }

    @PostMapping
    Mono<ResponseEntity<ProductView>> create(@Valid @RequestBody ProductRequest request) {
        return service.create(request).map(product -> ResponseEntity.created(URI.create("/api/v1/products/"
                + product.id())).eTag(Versions.etag(product.version())).body(product));
    }

    @PutMapping("/{id}")
    Mono<ResponseEntity<ProductView>> replace(@PathVariable UUID id, @Valid @RequestBody ProductRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return service.replace(id, request, Versions.expected(ifMatch, request.version()))
                .map(ProductController::withETag);
    }

    @PatchMapping(path = "/{id}", consumes = {"application/json", "application/merge-patch+json"})
    Mono<ResponseEntity<ProductView>> patch(@PathVariable UUID id, @Valid @RequestBody ProductPatch patch,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return service.patch(id, patch, Versions.expected(ifMatch, patch.version()))
                .map(ProductController::withETag);
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return service.delete(id, Versions.expected(ifMatch, null)).thenReturn(ResponseEntity.noContent().build());
    }

    private static ResponseEntity<ProductView> withETag(ProductView product) {
        return ResponseEntity.ok().eTag(Versions.etag(product.version())).body(product);
    }
}
