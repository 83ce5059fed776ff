package db.migration;

import com.fruitfulplanet.platform.idempotency.IdempotencyTableMigration;

/** idempotent_request (Idempotency-Key of POST /api/v1/orders), from the platform's one definition. */
public class V6__IdempotentRequests extends IdempotencyTableMigration {
}
