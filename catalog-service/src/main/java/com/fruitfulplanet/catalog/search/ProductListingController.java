package com.fruitfulplanet.catalog.search;

import com.fruitfulplanet.catalog.cache.CatalogCache;
import com.fruitfulplanet.catalog.product.ProductView;
import com.fruitfulplanet.platform.paging.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/products} (API.md "Catalog"): public search and listing. Every parameter arrives as text so
 * that {@link ListingQuery#parse} reports each bad one as a field error, never a conversion failure.
 */
@RestController
public class ProductListingController {

    private final ProductListing listing;
    private final CatalogCache cache;

    public ProductListingController(ProductListing listing, CatalogCache cache) {
        this.listing = listing;
        this.cache = cache;
    }

    @Operation(summary = "Search and list products",
            description = "Live ACTIVE products, cursor-paged. With q: full text in Russian and English (stemmed), "
                    + "SKUs and codes, the last word also as a prefix; sorted by relevance unless sort says "
                    + "otherwise. Without q: newest first.")
    @GetMapping("/api/v1/products")
    public Mono<Page<ProductView>> list(
            @Parameter(description = "Full-text query, at most 200 characters") @RequestParam(required = false)
            String q,
            @Parameter(description = "Sector id") @RequestParam(required = false) String sector,
            @Parameter(description = "Brand id") @RequestParam(required = false) String brand,
            @Parameter(description = "Lowest price, inclusive, e.g. 100.00") @RequestParam(required = false)
            String minPrice,
            @Parameter(description = "Highest price, inclusive") @RequestParam(required = false) String maxPrice,
            @Parameter(description = "true: only products available to order (false: no stock filter)")
            @RequestParam(required = false) String inStock,
            @Parameter(description = "Exact SKU, any case") @RequestParam(required = false) String sku,
            @Parameter(description = "Up to 3 of price, createdAt, updatedAt, name, relevance (with q), comma "
                    + "separated; '-' for descending, e.g. price,-createdAt. Ties are broken by id.")
            @RequestParam(required = false) String sort,
            @Parameter(description = "Page size, 1 to 100, default 20") @RequestParam(required = false) String limit,
            @Parameter(description = "nextCursor of the previous page of the same query")
            @RequestParam(required = false) String cursor) {
        return Mono.fromCallable(() -> ListingQuery.parse(new ListingQuery.Parameters(q, sector, brand, minPrice,
                        maxPrice, inStock, sku, sort, limit, cursor)))
                .flatMap(query -> cache.listing(query.cacheKey(), () -> listing.list(query)));
    }
}
