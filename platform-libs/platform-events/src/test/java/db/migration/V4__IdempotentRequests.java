package db.migration;

/** idempotent_request, from the platform's one definition. */
public class V4__IdempotentRequests extends com.fruitfulplanet.platform.idempotency.IdempotencyTableMigration {
}
