package com.fruitfulplanet.catalog.cache;

import com.fruitfulplanet.contracts.events.catalog.PriceChanged;
import com.fruitfulplanet.contracts.events.catalog.ProductDeleted;
import com.fruitfulplanet.contracts.events.catalog.ProductUpserted;
import com.fruitfulplanet.contracts.events.catalog.StockChanged;
import com.fruitfulplanet.platform.events.inbox.EventConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cache follows the catalog's own events, whoever caused the change (an editor, a 1C import, a reservation, any
 * replica). The cache is shared (Redis), so one consumer group for all replicas is enough: one invalidation is
 * seen by all. A Redis failure fails the handling, and the event is retried like any other.
 */
@Configuration(proxyBeanMethods = false)
class CacheInvalidation {

    @Bean
    EventConsumer catalogCacheInvalidation(CatalogCache cache) {
        return EventConsumer.named("cache-invalidation")
                .on(ProductUpserted.class, (event, metadata) -> cache.evictProduct(event.productId(), "event"))
                .on(ProductDeleted.class, (event, metadata) -> cache.evictProduct(event.productId(), "event"))
                .on(PriceChanged.class, (event, metadata) -> cache.evictProduct(event.productId(), "event"))
                .on(StockChanged.class, (event, metadata) -> cache.evictProduct(event.productId(), "event"))
                .build();
    }
}
