package com.fruitfulplanet.platform.idempotency;

import com.fruitfulplanet.platform.events.schema.SharedTableMigration;

/**
 * Creates {@code idempotent_request} in the schema of a service that takes {@code Idempotency-Key}s. Extend it once
 * in the service's {@code db.migration} package, e.g. {@code V5__IdempotentRequests}.
 */
public abstract class IdempotencyTableMigration extends SharedTableMigration {

    protected IdempotencyTableMigration() {
        super("com/fruitfulplanet/platform/idempotency/idempotent-request-v1.sql");
    }
}
