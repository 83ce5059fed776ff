package com.fruitfulplanet.platform.events.outbox;

import com.fruitfulplanet.platform.events.schema.SharedTableMigration;

/**
 * Creates {@code outbox_event}, {@code outbox_lane} and the notify trigger in a producing service's schema.
 * Extend it once in the service's {@code db.migration} package, e.g. {@code V2__Outbox}.
 */
public abstract class OutboxTableMigration extends SharedTableMigration {

    protected OutboxTableMigration() {
        super("com/fruitfulplanet/platform/events/outbox/outbox-v1.sql");
    }
}
