package com.fruitfulplanet.platform.events.inbox;

import java.time.Duration;
import java.util.Locale;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.events.EventEnvelope;
import com.fruitfulplanet.contracts.events.EventJson;
import com.fruitfulplanet.contracts.events.EventMetadata;
import com.fruitfulplanet.contracts.events.ReceivedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Delivers one Kafka record to a consumer's handler: decode the envelope and data, then in one transaction claim
 * {@code (consumer, event id)} in the inbox and apply the handler's effect. A record whose claim exists is a
 * duplicate and has no effect. Any failure propagates to the container's error handler (retry, then DLT).
 *
 * <p>This runs on the Kafka consumer thread, which owns the partition until the record is done; waiting here for
 * the reactive effect (bounded by the handler timeout) is what keeps records of a partition in order.
 */
final class InboxDispatcher implements MessageListener<String, byte[]> {

    private final EventConsumer consumer;
    private final InboxStore inbox;
    private final TransactionalOperator transactions;
    private final Duration timeout;
    private final ConsumerMetrics metrics;

    InboxDispatcher(EventConsumer consumer, InboxStore inbox, TransactionalOperator transactions, Duration timeout,
                    ConsumerMetrics metrics) {
        this.consumer = consumer;
        this.inbox = inbox;
        this.transactions = transactions;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent received = EventEnvelope.read(record);
        Outcome outcome = consumer.handlerFor(received.metadata().type())
                .map(registration -> handle(registration, received).block(timeout))
                .orElse(Outcome.IGNORED);
        metrics.consumed(consumer.name(), received.metadata().type(), outcome);
    }

    private <T extends DomainEvent> Mono<Outcome> handle(EventConsumer.Registration<T> registration,
                                                         ReceivedEvent received) {
        EventMetadata metadata = received.metadata();
        T event = EventJson.read(received.data(), registration.type().payloadType());
        return transactions.transactional(inbox.claim(consumer.name(), metadata.id(), metadata.type())
                .flatMap(claimed -> claimed
                        ? registration.handler().handle(event, metadata).thenReturn(Outcome.HANDLED)
                        : Mono.just(Outcome.DUPLICATE)));
    }

    enum Outcome {
        HANDLED, DUPLICATE, IGNORED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
