package com.fruitfulplanet.catalog.stock;

import com.fruitfulplanet.contracts.events.catalog.CommitStock;
import com.fruitfulplanet.contracts.events.catalog.ReleaseStock;
import com.fruitfulplanet.contracts.events.catalog.ReserveStock;
import com.fruitfulplanet.platform.events.inbox.EventConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order saga's commands to the catalog (topic {@code catalog.stockcommands.v1}), applied by
 * {@link StockReservations} inside the inbox transaction: a redelivered command has no second effect, a failure
 * rolls back and is retried, then dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class StockCommandConsumer {

    /** The consumer name: the inbox key and the consumer group {@code catalog-service.stock-commands}. */
    static final String NAME = "stock-commands";

    @Bean
    EventConsumer stockCommands(StockReservations reservations) {
        return EventConsumer.named(NAME)
                .on(ReserveStock.class, (command, metadata) -> reservations.reserve(command).then())
                .on(CommitStock.class, (command, metadata) -> reservations.commit(command).then())
                .on(ReleaseStock.class, (command, metadata) -> reservations.release(command).then())
                .build();
    }
}
