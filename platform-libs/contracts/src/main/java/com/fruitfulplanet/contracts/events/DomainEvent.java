package com.fruitfulplanet.contracts.events;

/**
 * The data of a domain event: a record published as JSON in the data of a CloudEvent (see {@link EventEnvelope}).
 * Every implementation is registered in {@link EventCatalog}, which gives it its CloudEvents type and its topic.
 */
public interface DomainEvent {

    /**
     * The Kafka record key: the id of the aggregate whose events must stay in order. Kafka keeps order only within a
     * partition, and the key picks the partition, so every event that a consumer must see in sequence (for example
     * all the steps of one order's saga) carries the same key. Not part of the JSON: it is not a getter, so Jackson
     * leaves it out, and the key travels as the record key instead.
     */
    String key();
}
