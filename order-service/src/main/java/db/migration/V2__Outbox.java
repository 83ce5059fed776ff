package db.migration;

import com.fruitfulplanet.platform.events.outbox.OutboxTableMigration;

/** the transactional outbox (outbox_event, outbox_lane), from the platform's one definition. */
public class V2__Outbox extends OutboxTableMigration {
}
