package com.fruitfulplanet.catalog.cache;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/admin/cache/evict} (ADMIN): without a body, or with an empty one, everything the catalog
 * caches goes; {@code {"productIds": [...]}} evicts those products (and the listing pages), {@code {"listings":
 * true}} the listing pages only.
 */
@RestController
@RequestMapping("/api/v1/admin/cache")
class CacheController {

    private final CatalogCache cache;

    CacheController(CatalogCache cache) {
        this.cache = cache;
    }

    record EvictRequest(@Size(max = 1000) List<UUID> productIds, Boolean listings) {

        boolean everything() {
            return (productIds == null || productIds.isEmpty()) && !Boolean.TRUE.equals(listings);
        }
    }

    @PostMapping("/evict")
    Mono<Map<String, Object>> evict(@Valid @RequestBody(required = false) EvictRequest request) {
        if (request == null || request.everything()) {
            return cache.evictAll().map(keys -> Map.of("scope", "all", "evictedKeys", keys));
        }
        List<UUID> products = request.productIds() == null ? List.of() : request.productIds();
        return Flux.fromIterable(products)
                .concatMap(id -> cache.evictProduct(id, "manual"))
                .then(Boolean.TRUE.equals(request.listings()) ? cache.evictListings("manual") : Mono.empty())
                .thenReturn(Map.of("scope", products.isEmpty() ? "listings" : "products",
                        "products", products.size()));
    }
}
