package com.fruitfulplanet.platform.events.inbox;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.events.EventMetadata;
import reactor.core.publisher.Mono;

/**
 * The effect of one event on a consuming service. It runs inside the transaction that also records the event as
 * processed, so its database writes (through the service's R2DBC repositories or {@code DatabaseClient}) commit
 * together with that record, or not at all. A failure (error signal) rolls both back and the event is retried.
 *
 * <p>Effects outside the database (an e-mail, an HTTP call) are not covered by that transaction: make them
 * idempotent themselves, e.g. keyed by {@link EventMetadata#id()}.
 */
@FunctionalInterface
public interface EventHandler<T extends DomainEvent> {

    Mono<Void> handle(T event, EventMetadata metadata);
}
