package com.fruitfulplanet.auth.account;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for {@code user_account}. Emails are matched case-insensitively, as the unique index is. */
@Repository
public class Accounts {

    private static final String COLUMNS = """
            id, email, name, password_hash, roles, status, created_at, updated_at, version,
            totp_secret, totp_enabled, totp_last_step""";

    private final DatabaseClient db;

    public Accounts(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Account> byId(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM user_account WHERE id = :id")
                .bind("id", id).map(Accounts::account).one();
    }

    public Mono<Account> activeByEmail(String email) {
        return db.sql("SELECT " + COLUMNS + " FROM user_account WHERE lower(email) = lower(:email) AND status = 'ACTIVE'")
                .bind("email", email).map(Accounts::account).one();
    }

    /** Inserts the account, or completes empty when the email is taken (decided by the unique index, race-free). */
    public Mono<Account> insert(UUID id, String email, String name, String passwordHash, List<Role> roles) {
        return db.sql("""
                        INSERT INTO user_account (id, email, name, password_hash, roles)
                        VALUES (:id, :email, :name, :hash, :roles)
                        ON CONFLICT (lower(email)) DO NOTHING
                        RETURNING\s""" + COLUMNS)
                .bind("id", id).bind("email", email).bind("name", name).bind("hash", passwordHash)
                .bind("roles", names(roles))
                .map(Accounts::account).one();
    }

    public Mono<Boolean> anyActiveAdmin() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM user_account WHERE 'ADMIN' = ANY (roles) AND status = 'ACTIVE')")
                .map(row -> row.get(0, Boolean.class)).one();
    }

    /** A page in creation order, after the cursor position if given; {@code role} narrows it when not null. */
    public Flux<Account> page(Instant afterCreatedAt, UUID afterId, Role role, int limit) {
        String where = "status <> 'DELETED'"
                + (role != null ? " AND :role = ANY (roles)" : "")
                + (afterId != null ? " AND (created_at, id) > (:afterCreatedAt, :afterId)" : "");
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM user_account WHERE " + where
                + " ORDER BY created_at, id LIMIT :limit").bind("limit", limit);
        if (role != null) {
            spec = spec.bind("role", role.name());
        }
        if (afterId != null) {
            spec = spec.bind("afterCreatedAt", afterCreatedAt).bind("afterId", afterId);
        }
        return spec.map(Accounts::account).all();
    }

    /** Completes empty when the account is gone or the new email is taken by another account. */
    public Mono<Account> update(UUID id, String email, String name, List<Role> roles) {
        return db.sql("""
                        UPDATE user_account SET email = :email, name = :name, roles = :roles,
                               updated_at = now(), version = version + 1
                        WHERE id = :id AND status = 'ACTIVE'
                          AND NOT EXISTS (SELECT 1 FROM user_account other
                                          WHERE lower(other.email) = lower(:email) AND other.id <> :id)
                        RETURNING\s""" + COLUMNS)
                .bind("id", id).bind("email", email).bind("name", name).bind("roles", names(roles))
                .map(Accounts::account).one();
    }

    public Mono<Void> updatePasswordHash(UUID id, String passwordHash) {
        return db.sql("UPDATE user_account SET password_hash = :hash, updated_at = now() WHERE id = :id")
                .bind("id", id).bind("hash", passwordHash).then();
    }

    /**
     * Deletes an account by erasing what identifies the person (email, name, password, second factor) and marking
     * it deleted; the row stays so that orders and the audit log still point at an id.
     */
    public Mono<Boolean> delete(UUID id) {
        return db.sql("""
                        UPDATE user_account
                        SET status = 'DELETED', email = 'deleted-' || id || '@invalid', name = 'Deleted user',
                            password_hash = '!', totp_secret = NULL, totp_enabled = false,
                            updated_at = now(), version = version + 1
                        WHERE id = :id AND status <> 'DELETED'""")
                .bind("id", id).fetch().rowsUpdated().map(rows -> rows > 0);
    }

    public Mono<Void> setTotp(UUID id, String secret, boolean enabled, Long lastStep) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE user_account SET totp_secret = :secret, totp_enabled = :enabled,
                               totp_last_step = :lastStep, updated_at = now()
                        WHERE id = :id""")
                .bind("id", id).bind("enabled", enabled);
        spec = secret == null ? spec.bindNull("secret", String.class) : spec.bind("secret", secret);
        spec = lastStep == null ? spec.bindNull("lastStep", Long.class) : spec.bind("lastStep", lastStep);
        return spec.then();
    }

    /** Records a used TOTP step; false when that step (or a later one) was already used: a replayed code. */
    public Mono<Boolean> useTotpStep(UUID id, long step) {
        return db.sql("""
                        UPDATE user_account SET totp_last_step = :step
                        WHERE id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)""")
                .bind("id", id).bind("step", step).fetch().rowsUpdated().map(rows -> rows > 0);
    }

    private static String[] names(List<Role> roles) {
        return roles.stream().map(Role::name).distinct().toArray(String[]::new);
    }

    static Account account(Readable row) {
        String[] roles = row.get("roles", String[].class);
        return new Account(
                row.get("id", UUID.class),
                row.get("email", String.class),
                row.get("name", String.class),
                row.get("password_hash", String.class),
                Arrays.stream(roles == null ? new String[0] : roles).map(Role::valueOf).toList(),
                Account.Status.valueOf(row.get("status", String.class)),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant(),
                row.get("version", Long.class),
                row.get("totp_secret", String.class),
                Boolean.TRUE.equals(row.get("totp_enabled", Boolean.class)),
                row.get("totp_last_step", Long.class));
    }
}
