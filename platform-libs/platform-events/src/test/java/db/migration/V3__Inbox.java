package db.migration;

import com.fruitfulplanet.platform.events.inbox.InboxTableMigration;

public class V3__Inbox extends InboxTableMigration {
}
