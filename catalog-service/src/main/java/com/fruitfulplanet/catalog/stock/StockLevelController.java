package com.fruitfulplanet.catalog.stock;

import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** API.md "Catalog": {@code PUT /api/v1/products/{id}/stock}, MANAGER or ADMIN (CatalogSecurityConfiguration). */
@RestController
class StockLevelController {

    private final StockLevels stock;

    StockLevelController(StockLevels stock) {
        this.stock = stock;
    }

    @PutMapping("/api/v1/products/{id}/stock")
    Mono<StockLevelView> setOnHand(@PathVariable UUID id, @Valid @RequestBody StockLevelRequest request) {
        return stock.setOnHand(id, request.warehouseId(), Math.toIntExact(request.quantity()));
    }
}
