package com.fruitfulplanet.catalog.web;

import com.fruitfulplanet.platform.problem.Problems;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Why a conditional write ({@code WHERE id = :id AND version = :version}) changed nothing: the row is gone (404) or
 * someone else changed it first (409 with the current version).
 */
@Component
public class Versions {

    /** The versioned tables, named here so no caller's string reaches the SQL. */
    public enum Table {
        SECTOR("sector"), BRAND("brand"), PRODUCT("product");

        private final String what;

        Table(String what) {
            this.what = what;
        }
    }

    private final DatabaseClient db;

    public Versions(DatabaseClient db) {
        this.db = db;
    }

    public <T> Mono<T> missingOrStale(Table table, UUID id) {
        return db.sql("SELECT version FROM " + table.what + " WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id).map(row -> row.get(0, Long.class)).one()
                .flatMap(current -> Mono.<T>error(CatalogProblems.staleVersion(table.what, current)))
                .switchIfEmpty(Mono.error(() -> Problems.notFound(table.what)));
    }

    /**
     * The version a write expects: from {@code If-Match} (an ETag {@code "<version>"}, as GET sends it) or from the
     * body; both present and different is a 400.
     */
    public static Long expected(String ifMatch, Long fromBody) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return fromBody;
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        long fromHeader;
        try {
            fromHeader = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw Problems.invalidField("If-Match", "must be the ETag this API sent, e.g. \"3\"");
        }
        if (fromBody != null && fromBody != fromHeader) {
            throw Problems.invalidField("version", "differs from If-Match");
        }
        return fromHeader;
    }

    /** The condition of a conditional write: {@code " AND <column> = :version"}, or nothing without a version. */
    public static String condition(String column, Long expectedVersion) {
        return expectedVersion == null ? "" : " AND " + column + " = :version";
    }

    /** Binds the version {@link #condition} asked for. */
    public static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec,
            Long expectedVersion) {
        return expectedVersion == null ? spec : spec.bind("version", expectedVersion);
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
