package com.fruitfulplanet.platform.events.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.zip.CRC32;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A table definition the platform owns, applied inside a service's own Flyway history. A service takes it by
 * adding a one-line class to its {@code db/migration} package, whose name gives the version in that service's
 * history:
 *
 * <pre>{@code
 * package db.migration;
 * public class V2__Outbox extends com.fruitfulplanet.platform.events.outbox.OutboxTableMigration { }
 * }</pre>
 *
 * <p>The checksum is the script's, so an edit to a released script fails Flyway's validation instead of leaving
 * databases that ran the old text silently different. A changed definition is a new script and a new class.
 */
public abstract class SharedTableMigration extends BaseJavaMigration {

    private final String script;
    private final String text;

    protected SharedTableMigration(String classpathResource) {
        this.script = classpathResource;
        this.text = read(classpathResource);
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(text);
        }
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public String getDescription() {
        return super.getDescription() + " (" + script.substring(script.lastIndexOf('/') + 1) + ")";
    }

    private static String read(String resource) {
        try (InputStream in = SharedTableMigration.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Table definition " + resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }
}
