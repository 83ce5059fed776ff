package com.fruitfulplanet.platform.events.outbox;

import java.time.Duration;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * {@code LISTEN outbox_<schema>} on a connection of its own (outside the pool: a pooled connection would be
 * handed back and reused), reconnecting with backoff when it drops. Each notification means "a transaction with
 * new outbox rows committed". Losing the connection only delays events until the relay's next poll.
 */
final class OutboxNotifications {

    private static final Logger log = LoggerFactory.getLogger(OutboxNotifications.class);

    private final ConnectionFactory connections;

    OutboxNotifications(ConnectionFactory connections) {
        this.connections = unpooled(connections);
    }

    /** Never completes; emits once per notification on the schema's channel. */
    Flux<Object> wakeups(String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unexpected schema name for a NOTIFY channel: " + schema);
        }
        String channel = "outbox_" + schema;
        return Flux.usingWhen(Mono.from(connections.create()),
                        connection -> listen(connection, channel),
                        connection -> Mono.from(connection.close()).onErrorResume(e -> Mono.empty()))
                .concatWith(Mono.error(() -> new IllegalStateException("LISTEN connection closed")))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(10))
                        .doBeforeRetry(signal -> log.warn("Outbox LISTEN on {} lost ({}); reconnecting", channel,
                                signal.failure().getMessage())));
    }

    private static Flux<Object> listen(Connection connection, String channel) {
        if (!(connection instanceof PostgresqlConnection postgres)) {
            return Flux.error(new IllegalStateException("LISTEN/NOTIFY needs a PostgreSQL connection, got "
                    + connection.getClass().getName()));
        }
        return postgres.createStatement("LISTEN " + channel).execute()
                .flatMap(result -> result.getRowsUpdated())
                .doOnComplete(() -> log.debug("Listening on {}", channel))
                .thenMany(postgres.getNotifications())
                .map(notification -> (Object) notification);
    }

    private static ConnectionFactory unpooled(ConnectionFactory factory) {
        ConnectionFactory current = factory;
        while (current instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
            current = inner;
        }
        return current;
    }
}
