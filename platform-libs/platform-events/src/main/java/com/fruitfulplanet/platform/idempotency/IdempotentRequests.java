package com.fruitfulplanet.platform.idempotency;

import com.fruitfulplanet.platform.events.schema.ChunkedDelete;
import com.fruitfulplanet.platform.problem.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} with Stripe's semantics (API.md "Conventions"): the same user sending the same key and the
 * same body gets the first response again, status and body, for {@link IdempotencyProperties#retention()}; the same
 * key with another body is refused with 422; the same key while the first request still runs, with 409.
 *
 * <p>The first request claims the key in its own short transaction (so a concurrent one sees the claim at once and
 * is answered 409 instead of waiting), then its work runs in one transaction with the storing of its response: the
 * effect and the replayable answer commit together or not at all. A request that fails (an error, or a 5xx) gives the
 * key up, so the client's retry runs again; a process that dies mid-request leaves a claim that a retry may take over
 * once {@link IdempotencyProperties#claimTimeout()} has passed. Responses below 500 are stored, 4xx included: the same
 * request is answered the same way (errors raised as exceptions, such as validation problems, are not stored).
 */
public final class IdempotentRequests implements SmartLifecycle {

    /** The request header. */
    public static final String HEADER = "Idempotency-Key";
    /** Set on a replayed response. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);
    private static final int MAX_KEY_LENGTH = 255;

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final JsonMapper json;
    private final IdempotencyProperties properties;
    private final MeterRegistry meters;
    private volatile @Nullable Disposable cleanup;

    public IdempotentRequests(DatabaseClient db, TransactionalOperator transactions, JsonMapper json,
                              IdempotencyProperties properties, MeterRegistry meters) {
        this.db = db;
        this.transactions = transactions;
        this.json = json;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * Runs {@code work} once per {@code (userId, scope, key)}.
     *
     * @param scope   the operation, e.g. {@code "orders.place"}: the same key may be used for different operations
     * @param key     the client's {@code Idempotency-Key} header; missing or longer than 255 characters is a 400
     * @param request the parsed request: what "the same body" means (compared by its JSON, so formatting and field
     *                order of what the client sent do not matter)
     * @param work    the request's effect; it runs inside the transaction that stores its response
     */
    public Mono<ResponseEntity<Object>> execute(String scope, UUID userId, @Nullable String key, Object request,
                                                Mono<? extends ResponseEntity<?>> work) {
        if (key == null || key.isEmpty()) {
            return Mono.error(Problems.problem(HttpStatus.BAD_REQUEST, "idempotency-key-required",
                    "Idempotency-Key required", "This request changes money or stock: send an " + HEADER
                            + " header (1-255 characters, e.g. a UUID) so that a retry cannot do it twice."));
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return Mono.error(Problems.problem(HttpStatus.BAD_REQUEST, "invalid-idempotency-key",
                    "Invalid Idempotency-Key", HEADER + " must be 1-255 characters long, was " + key.length()));
        }
        byte[] hash = sha256(json.writeValueAsBytes(request));
        UUID claim = UUID.randomUUID();
        return claim(userId, scope, key, hash, claim)
                .flatMap(claimed -> claimed
                        ? run(userId, scope, key, claim, work)
                        : answerFromStored(userId, scope, key, hash));
    }

    private Mono<Boolean> claim(UUID userId, String scope, String key, byte[] hash, UUID claim) {
        // Inserts the claim, or takes over a row whose claim was abandoned or whose response has expired; a live
        // claim or a stored response is left alone (no row returned).
        return db.sql("""
                        INSERT INTO idempotent_request AS r (user_id, scope, idempotency_key, request_hash, claim_token,
                                                             claim_expires_at, expires_at)
                        VALUES (:user, :scope, :key, :hash, :claim, now() + make_interval(secs => :claimSeconds),
                                now() + make_interval(secs => :retentionSeconds))
                        ON CONFLICT (user_id, scope, idempotency_key) DO UPDATE
                           SET request_hash = excluded.request_hash, claim_token = excluded.claim_token,
                               claim_expires_at = excluded.claim_expires_at, response_status = NULL,
                               response_body = NULL, response_location = NULL, created_at = now(),
                               expires_at = excluded.expires_at
                         WHERE r.expires_at < now()
                            OR (r.response_status IS NULL AND r.claim_expires_at < now())
                        RETURNING claim_token
                        """)
                .bind("user", userId).bind("scope", scope).bind("key", key).bind("hash", hash).bind("claim", claim)
                .bind("claimSeconds", (double) properties.claimTimeout().toMillis() / 1000)
                .bind("retentionSeconds", (double) properties.retention().toSeconds())
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    private Mono<ResponseEntity<Object>> run(UUID userId, String scope, String key, UUID claim,
                                             Mono<? extends ResponseEntity<?>> work) {
        Mono<ResponseEntity<Object>> inTransaction = work
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("Idempotent work for " + scope
                        + " completed without a response")))
                .flatMap(response -> response.getStatusCode().is5xxServerError()
                        ? Mono.error(new FailedResponse(response))
                        : store(userId, scope, key, claim, response).thenReturn(response))
                .as(transactions::transactional)
                .map(IdempotentRequests::widen);
        return inTransaction
                .doOnNext(response -> count(scope, "executed"))
                .onErrorResume(FailedResponse.class, failed -> release(userId, scope, key, claim)
                        .thenReturn(widen(failed.response)))
                .onErrorResume(error -> release(userId, scope, key, claim).then(Mono.error(error)))
                // A client that hangs up mid-request must not block its own retry for the whole claim timeout.
                .doOnCancel(() -> release(userId, scope, key, claim).subscribe(null,
                        error -> log.warn("Could not release idempotency claim {} of {}", key, scope, error)));
    }

    private Mono<Void> store(UUID userId, String scope, String key, UUID claim, ResponseEntity<?> response) {
        URI location = response.getHeaders().getLocation();
        DatabaseClient.GenericExecuteSpec update = db.sql("""
                        UPDATE idempotent_request
                           SET response_status = :status, response_body = :body, response_location = :location
                         WHERE user_id = :user AND scope = :scope AND idempotency_key = :key AND claim_token = :claim
                        """)
                .bind("status", response.getStatusCode().value())
                .bind("user", userId).bind("scope", scope).bind("key", key).bind("claim", claim);
        update = response.getBody() == null ? update.bindNull("body", String.class)
                : update.bind("body", json.writeValueAsString(response.getBody()));
        update = location == null ? update.bindNull("location", String.class)
                : update.bind("location", location.toString());
        return update.fetch().rowsUpdated().flatMap(updated -> updated == 1 ? Mono.<Void>empty()
                // The claim ran out and another request took the key over: this one must not commit its effect.
                : Mono.error(inProgress(key)));
    }

    private Mono<Void> release(UUID userId, String scope, String key, UUID claim) {
        return db.sql("""
                        DELETE FROM idempotent_request
                         WHERE user_id = :user AND scope = :scope AND idempotency_key = :key AND claim_token = :claim
                           AND response_status IS NULL
                        """)
                .bind("user", userId).bind("scope", scope).bind("key", key).bind("claim", claim)
                .then();
    }

    private Mono<ResponseEntity<Object>> answerFromStored(UUID userId, String scope, String key, byte[] hash) {
        return db.sql("""
                        SELECT request_hash, response_status, response_body, response_location
                          FROM idempotent_request
                         WHERE user_id = :user AND scope = :scope AND idempotency_key = :key
                        """)
                .bind("user", userId).bind("scope", scope).bind("key", key)
                .map(row -> new Stored(row.get("request_hash", byte[].class), row.get("response_status", Integer.class),
                        row.get("response_body", String.class), row.get("response_location", String.class)))
                .one()
                // Gone between our insert and this read (released or expired): the client may simply retry.
                .switchIfEmpty(Mono.error(() -> inProgress(key)))
                .flatMap(stored -> {
                    if (!Arrays.equals(stored.hash, hash)) {
                        count(scope, "mismatch");
                        return Mono.error(Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT,
                                "idempotency-key-reused", "Idempotency-Key reused with another request",
                                "The " + HEADER + " '" + key + "' was already used with a different request body; "
                                        + "use a new key for a new request."));
                    }
                    if (stored.status == null) {
                        count(scope, "in-progress");
                        return Mono.error(inProgress(key));
                    }
                    count(scope, "replayed");
                    ResponseEntity.BodyBuilder replay = ResponseEntity.status(stored.status)
                            .header(REPLAYED_HEADER, "true");
                    if (stored.location != null) {
                        replay.location(URI.create(stored.location));
                    }
                    return Mono.just(stored.body == null ? replay.build()
                            : replay.contentType(MediaType.APPLICATION_JSON).body(stored.body));
                });
    }

    private static RuntimeException inProgress(String key) {
        return Problems.conflict("idempotency-request-in-progress", "Request in progress",
                "A request with " + HEADER + " '" + key + "' is still being processed; retry in a moment.");
    }

    private void count(String scope, String outcome) {
        Counter.builder("fruitfulplanet.idempotency.requests")
                .description("Requests with an Idempotency-Key, by outcome: executed, replayed, in-progress (409), "
                        + "mismatch (422)")
                .tag("scope", scope).tag("outcome", outcome)
                .register(meters).increment();
    }

    @SuppressWarnings("unchecked") // ResponseEntity is immutable: only read as Object from here on
    private static ResponseEntity<Object> widen(ResponseEntity<?> response) {
        return (ResponseEntity<Object>) response;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** Deletes expired responses and abandoned claims in chunks; runs while the application runs. */
    @Override
    public synchronized void start() {
        cleanup = Flux.interval(properties.cleanupInterval(), properties.cleanupInterval())
                .concatMap(tick -> deleteExpired()
                        .onErrorResume(error -> {
                            log.warn("Could not delete expired idempotency keys", error);
                            return Mono.just(0L);
                        }))
                .subscribe();
    }

    Mono<Long> deleteExpired() {
        return ChunkedDelete.untilDone(limit -> db.sql("""
                        DELETE FROM idempotent_request
                         WHERE ctid = ANY (ARRAY(SELECT ctid FROM idempotent_request
                                                  WHERE expires_at < now() LIMIT :limit))
                        """)
                .bind("limit", limit)
                .fetch().rowsUpdated());
    }

    @Override
    public synchronized void stop() {
        Disposable running = cleanup;
        if (running != null) {
            running.dispose();
            cleanup = null;
        }
    }

    @Override
    public boolean isRunning() {
        return cleanup != null;
    }

    private record Stored(byte[] hash, @Nullable Integer status, @Nullable String body, @Nullable String location) {
    }

    /** A 5xx answer: not stored, the key is given up so that a retry runs again. */
    private static final class FailedResponse extends RuntimeException {

        private final transient ResponseEntity<?> response;

        FailedResponse(ResponseEntity<?> response) {
            super(null, null, false, false);
            this.response = response;
        }
    }
}
