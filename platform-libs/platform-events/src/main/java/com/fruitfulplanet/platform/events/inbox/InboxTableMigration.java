package com.fruitfulplanet.platform.events.inbox;

import com.fruitfulplanet.platform.events.schema.SharedTableMigration;

/**
 * Creates {@code inbox_event} in a consuming service's schema. Extend it once in the service's
 * {@code db.migration} package, e.g. {@code V3__Inbox}.
 */
public abstract class InboxTableMigration extends SharedTableMigration {

    protected InboxTableMigration() {
        super("com/fruitfulplanet/platform/events/inbox/inbox-v1.sql");
    }
}
