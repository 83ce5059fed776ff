package com.fruitfulplanet.platform.events.inbox;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.events.EventCatalog;
import com.fruitfulplanet.contracts.events.EventType;
import com.fruitfulplanet.contracts.events.TopicDefinition;

/**
 * A named consumer of domain events: which events it handles and how. Declare one as a bean and the platform runs
 * it (consumer group {@code <application>.<name>}, inbox, retries, dead letters):
 *
 * <pre>{@code
 * @Bean
 * EventConsumer orderSaga(SagaSteps steps) {
 *     return EventConsumer.named("order-saga")
 *             .on(StockReserved.class, steps::stockReserved)
 *             .on(StockRejected.class, steps::stockRejected)
 *             .build();
 * }
 * }</pre>
 *
 * <p>It subscribes to the topics of the events it handles. Other events on those topics (including types added
 * later within {@code v1} that this service does not know yet) are acknowledged and skipped.
 */
public final class EventConsumer {

    private final String name;
    private final Map<String, Registration<?>> handlers;

    private EventConsumer(String name, Map<String, Registration<?>> handlers) {
        this.name = name;
        this.handlers = Map.copyOf(handlers);
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** The topics that carry the handled events, in declaration order. */
    public List<TopicDefinition> topics() {
        Set<TopicDefinition> topics = new LinkedHashSet<>();
        handlers.values().forEach(registration -> topics.add(registration.type().topic()));
        return List.copyOf(topics);
    }

    Optional<Registration<?>> handlerFor(String typeName) {
        return Optional.ofNullable(handlers.get(typeName));
    }

    @Override
    public String toString() {
        return "EventConsumer[" + name + ", handles " + handlers.keySet() + "]";
    }

    /** One event type and its handler. */
    record Registration<T extends DomainEvent>(EventType<T> type, EventHandler<? super T> handler) {
    }

    public static final class Builder {

        private final String name;
        private final Map<String, Registration<?>> handlers = new LinkedHashMap<>();

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[a-z][a-z0-9-]{0,62}")) {
                throw new IllegalArgumentException("A consumer name is lower-case letters, digits and '-' "
                        + "(it is part of the consumer group id and the inbox key): " + name);
            }
            this.name = name;
        }

        public <T extends DomainEvent> Builder on(Class<T> eventType, EventHandler<? super T> handler) {
            EventType<T> type = EventCatalog.of(eventType);
            Objects.requireNonNull(handler, "handler");
            if (handlers.putIfAbsent(type.name(), new Registration<>(type, handler)) != null) {
                throw new IllegalArgumentException(name + " already has a handler for " + type.name());
            }
            return this;
        }

        public EventConsumer build() {
            if (handlers.isEmpty()) {
                throw new IllegalStateException("Consumer " + name + " handles no event");
            }
            return new EventConsumer(name, handlers);
        }
    }
}
