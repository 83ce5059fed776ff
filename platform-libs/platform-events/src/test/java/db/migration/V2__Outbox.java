package db.migration;

import com.fruitfulplanet.platform.events.outbox.OutboxTableMigration;

public class V2__Outbox extends OutboxTableMigration {
}
