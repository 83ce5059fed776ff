package db.migration;

import com.fruitfulplanet.platform.events.inbox.InboxTableMigration;

/** the inbox of processed events (inbox_event), from the platform's one definition. */
public class V3__Inbox extends InboxTableMigration {
}
