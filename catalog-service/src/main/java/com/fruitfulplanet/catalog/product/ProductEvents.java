package com.fruitfulplanet.catalog.product;

import com.fruitfulplanet.contracts.events.catalog.PriceChanged;
import com.fruitfulplanet.contracts.events.catalog.ProductDeleted;
import com.fruitfulplanet.contracts.events.catalog.ProductUpserted;
import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.platform.events.outbox.Outbox;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The product events, written to the outbox inside the transaction of the change they describe. */
@Component
public class ProductEvents {

    private final Outbox outbox;

    public ProductEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Mono<Void> upserted(ProductView product) {
        return outbox.append(new ProductUpserted(product.id(), product.sku(), product.name(), product.sectorId(),
                product.brandId(), product.price(), product.status() == ProductStatus.ACTIVE,
                product.updatedAt())).then();
    }

    /** ProductUpserted, and PriceChanged too when the price is not what it was. */
    public Mono<Void> changed(Money oldPrice, ProductView after) {
        Mono<Void> price = oldPrice.equals(after.price()) ? Mono.empty()
                : outbox.append(new PriceChanged(after.id(), oldPrice, after.price(), after.updatedAt())).then();
        return upserted(after).then(price);
    }

    public Mono<Void> deleted(ProductView product, Instant at) {
        return outbox.append(new ProductDeleted(product.id(), product.sku(), at)).then();
    }
}
