package com.fruitfulplanet.order.catalog;

import com.fruitfulplanet.contracts.events.catalog.PriceChanged;
import com.fruitfulplanet.contracts.events.catalog.ProductDeleted;
import com.fruitfulplanet.contracts.events.catalog.ProductUpserted;
import com.fruitfulplanet.platform.events.inbox.EventConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Feeds the product read model from catalog-service's events (topic {@code catalog.product.v1}), one consumer group
 * for all replicas since the table is shared. Each event is applied by {@link ProductReadModel} inside the inbox
 * transaction: a redelivered event has no second effect, a failure rolls back and is retried, then dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class CatalogProductConsumer {

    /** The consumer name: the inbox key and the consumer group {@code order-service.catalog-products}. */
    static final String NAME = "catalog-products";

    @Bean
    EventConsumer catalogProducts(ProductReadModel readModel) {
        return EventConsumer.named(NAME)
                .on(ProductUpserted.class, (event, metadata) -> readModel.upserted(event))
                .on(PriceChanged.class, (event, metadata) -> readModel.priceChanged(event))
                .on(ProductDeleted.class, (event, metadata) -> readModel.deleted(event))
                .build();
    }
}
