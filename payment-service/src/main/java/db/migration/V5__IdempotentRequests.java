package db.migration;

import com.fruitfulplanet.platform.idempotency.IdempotencyTableMigration;

/** idempotent_request (Idempotency-Key of the refund endpoint), from the platform's one definition. */
public class V5__IdempotentRequests extends IdempotencyTableMigration {
}
