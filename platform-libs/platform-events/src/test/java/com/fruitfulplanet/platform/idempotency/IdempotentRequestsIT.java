package com.fruitfulplanet.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fruitfulplanet.platform.events.EventsTestApplication;
import com.fruitfulplanet.platform.test.PlatformIntegrationTest;
import com.fruitfulplanet.platform.test.RealInfrastructureInitializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link IdempotentRequests} on real PostgreSQL: each case counts how often the work's effect (a row in
 * {@code test_order}, inserted inside the work's transaction) really happened.
 */
@PlatformIntegrationTest
@ContextConfiguration(classes = EventsTestApplication.class, initializers = RealInfrastructureInitializer.class)
class IdempotentRequestsIT {

    private static final String SCOPE = "test.place";

    @Autowired
    IdempotentRequests requests;

    @Autowired
    DatabaseClient db;

    record Place(String item, int quantity) {
    }

    record Placed(UUID id, String item) {
    }

    /** The work: inserts one test_order row (the effect) and answers 201 with it. */
    private Mono<ResponseEntity<?>> place(UUID orderId, Place request, Duration slowness) {
        return db.sql("INSERT INTO test_order (id, status) VALUES (:id, :status)")
                .bind("id", orderId).bind("status", request.item())
                .then()
                .then(Mono.delay(slowness))
                .thenReturn(ResponseEntity.status(HttpStatus.CREATED).body(new Placed(orderId, request.item())));
    }

    private long effects(UUID... orderIds) {
        return db.sql("SELECT count(*) AS n FROM test_order WHERE id = ANY(:ids)")
                .bind("ids", orderIds)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    @Test
    void theSameKeyAndBodyReplayTheFirstResponseWithoutASecondEffect() {
        UUID user = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Place request = new Place("apples", 2);

        ResponseEntity<Object> original = requests.execute(SCOPE, user, "key-1", request,
                place(first, request, Duration.ZERO)).block();
        ResponseEntity<Object> replay = requests.execute(SCOPE, user, "key-1", new Place("apples", 2),
                place(second, request, Duration.ZERO)).block();

        assertThat(original.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(original.getHeaders().containsHeader(IdempotentRequests.REPLAYED_HEADER)).isFalse();
        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(replay.getHeaders().getFirst(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(replay.getBody()).isEqualTo("{\"id\":\"" + first + "\",\"item\":\"apples\"}");
        assertThat(effects(first)).isEqualTo(1);
        assertThat(effects(second)).isZero();
    }

    @Test
    void keysAreSeparatePerUserAndPerScope() {
        Place request = new Place("pears", 1);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID user = UUID.randomUUID();

        requests.execute(SCOPE, user, "shared", request, place(a, request, Duration.ZERO)).block();
        requests.execute(SCOPE, UUID.randomUUID(), "shared", request, place(b, request, Duration.ZERO)).block();
        requests.execute("test.other", user, "shared", request, place(c, request, Duration.ZERO)).block();

        assertThat(effects(a, b, c)).isEqualTo(3);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndHasNoEffect() {
        UUID user = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        requests.execute(SCOPE, user, "key-2", new Place("plums", 1),
                place(UUID.randomUUID(), new Place("plums", 1), Duration.ZERO)).block();

        assertThatThrownBy(() -> requests.execute(SCOPE, user, "key-2", new Place("plums", 3),
                place(second, new Place("plums", 3), Duration.ZERO)).block())
                .isInstanceOfSatisfying(ErrorResponseException.class, error -> {
                    assertThat(error.getStatusCode().value()).isEqualTo(422);
                    assertThat(error.getBody().getType().toString()).endsWith("idempotency-key-reused");
                });
        assertThat(effects(second)).isZero();
    }

    @Test
    void concurrentRequestsWithOneKeyHaveOneEffectAndTheOthersAre409OrReplays() {
        UUID user = UUID.randomUUID();
        Place request = new Place("cherries", 5);
        List<UUID> orderIds = Flux.range(0, 30).map(i -> UUID.randomUUID()).collectList().block();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger replayed = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();

        Flux.fromIterable(orderIds)
                .flatMap(id -> requests.execute(SCOPE, user, "key-3", request, place(id, request,
                                        Duration.ofMillis(300)))
                                .doOnNext(response -> (response.getHeaders()
                                        .containsHeader(IdempotentRequests.REPLAYED_HEADER) ? replayed : created)
                                        .incrementAndGet())
                                .onErrorResume(ErrorResponseException.class, error -> {
                                    assertThat(error.getStatusCode().value()).isEqualTo(409);
                                    conflicts.incrementAndGet();
                                    return Mono.empty();
                                })
                                .subscribeOn(Schedulers.parallel()),
                        30)
                .blockLast();

        assertThat(created).hasValue(1);
        assertThat(created.get() + replayed.get() + conflicts.get()).isEqualTo(30);
        assertThat(conflicts.get()).isPositive();
        assertThat(effects(orderIds.toArray(UUID[]::new))).isEqualTo(1);
    }

    @Test
    void aFailedRequestGivesTheKeyUpSoTheRetryRuns() {
        UUID user = UUID.randomUUID();
        UUID failed = UUID.randomUUID();
        UUID retried = UUID.randomUUID();
        Place request = new Place("grapes", 1);

        assertThatThrownBy(() -> requests.execute(SCOPE, user, "key-4", request,
                place(failed, request, Duration.ZERO).then(Mono.error(new IllegalStateException("boom")))).block())
                .hasMessageContaining("boom");
        ResponseEntity<Object> retry = requests.execute(SCOPE, user, "key-4", request,
                place(retried, request, Duration.ZERO)).block();

        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(effects(failed)).as("the failed work's effect was rolled back").isZero();
        assertThat(effects(retried)).isEqualTo(1);
    }

    @Test
    void a5xxAnswerIsNotStoredAndItsEffectIsRolledBack() {
        UUID user = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        Place request = new Place("lemons", 1);

        ResponseEntity<Object> unavailable = requests.execute(SCOPE, user, "key-5", request,
                place(first, request, Duration.ZERO).thenReturn(ResponseEntity.status(503).build())).block();
        ResponseEntity<Object> retry = requests.execute(SCOPE, user, "key-5", request,
                place(UUID.randomUUID(), request, Duration.ZERO)).block();

        assertThat(unavailable.getStatusCode().value()).isEqualTo(503);
        assertThat(effects(first)).isZero();
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getHeaders().containsHeader(IdempotentRequests.REPLAYED_HEADER)).isFalse();
    }

    @Test
    void aClaimAbandonedByACrashedProcessIsTakenOverAfterItsTimeout() {
        UUID user = UUID.randomUUID();
        Place request = new Place("limes", 1);
        db.sql("""
                        INSERT INTO idempotent_request (user_id, scope, idempotency_key, request_hash, claim_token,
                                                        claim_expires_at, expires_at)
                        VALUES (:user, :scope, 'key-6', '\\x00', gen_random_uuid(), now() + interval '1 minute',
                                now() + interval '2 days')
                        """)
                .bind("user", user).bind("scope", SCOPE).then().block();

        assertThatThrownBy(() -> requests.execute(SCOPE, user, "key-6", new Place("limes", 2),
                place(UUID.randomUUID(), request, Duration.ZERO)).block())
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        error -> assertThat(error.getStatusCode().value()).isEqualTo(422));

        db.sql("UPDATE idempotent_request SET claim_expires_at = now() - interval '1 second', request_hash = :hash "
                        + "WHERE user_id = :user")
                .bind("user", user).bind("hash", new byte[] {0}).then().block();
        UUID taken = UUID.randomUUID();
        ResponseEntity<Object> response = requests.execute(SCOPE, user, "key-6", request,
                place(taken, request, Duration.ZERO)).block();

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(effects(taken)).isEqualTo(1);
    }

    @Test
    void aMissingOrOverlongKeyIs400() {
        UUID user = UUID.randomUUID();
        for (String key : new String[] {null, "", "k".repeat(256)}) {
            assertThatThrownBy(() -> requests.execute(SCOPE, user, key, Map.of(), Mono.just(ResponseEntity.ok()
                    .build())).block())
                    .isInstanceOfSatisfying(ErrorResponseException.class,
                            error -> assertThat(error.getStatusCode().value()).isEqualTo(400));
        }
    }

    @Test
    void expiredResponsesAreDeleted() {
        UUID user = UUID.randomUUID();
        Place request = new Place("figs", 1);
        requests.execute(SCOPE, user, "key-7", request, place(UUID.randomUUID(), request, Duration.ZERO)).block();
        requests.execute(SCOPE, user, "key-8", request, place(UUID.randomUUID(), request, Duration.ZERO)).block();
        db.sql("UPDATE idempotent_request SET expires_at = now() - interval '1 second' "
                        + "WHERE user_id = :user AND idempotency_key = 'key-7'")
                .bind("user", user).then().block();

        requests.deleteExpired().block();

        List<String> left = db.sql("SELECT idempotency_key FROM idempotent_request WHERE user_id = :user")
                .bind("user", user).map(row -> row.get(0, String.class)).all().collectList().block();
        assertThat(left).containsExactly("key-8");
    }
}
