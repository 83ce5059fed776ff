package com.fruitfulplanet.auth.token;

import com.fruitfulplanet.auth.config.AuthProperties;
import com.fruitfulplanet.auth.web.Sha256;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Opaque refresh tokens (RFC 9700 §4.14): 256 random bits, stored only as their SHA-256, valid for seven days,
 * rotated on every use. A token belongs to a family (one login); presenting a token that was already used or
 * revoked means it was stolen or replayed, so the whole family is revoked and the holder must log in again.
 *
 * <p>Two refreshes racing with the same token count as reuse: only one can mark the row used, the other finds it
 * used and revokes the family. Strict, but it is what the RFC asks for, and clients refresh from one place.
 */
@Component
public class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseClient db;
    private final Duration ttl;
    private final Clock clock;

    public RefreshTokens(DatabaseClient db, AuthProperties properties, Clock clock) {
        this.db = db;
        this.ttl = properties.tokens().refreshTokenTtl();
        this.clock = clock;
    }

    /** A new family: what a login starts. */
    public Mono<String> issue(UUID accountId) {
        return issue(accountId, UUID.randomUUID());
    }

    /**
     * Spends the token: completes with its account and family if it was live, marking it used; completes empty if
     * it was unknown, expired, used or revoked (and in the last two cases revokes its family).
     */
    public Mono<Spent> spend(String token) {
        byte[] hash = hash(token);
        return db.sql("""
                        UPDATE refresh_token SET used_at = now()
                        WHERE token_hash = :hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
                        RETURNING account_id, family_id""")
                .bind("hash", hash)
                .map(row -> new Spent(row.get("account_id", UUID.class), row.get("family_id", UUID.class)))
                .one()
                .switchIfEmpty(revokeFamilyOfReused(hash).then(Mono.empty()));
    }

    /** The next token of the same family, after {@link #spend}. */
    public Mono<String> issue(UUID accountId, UUID familyId) {
        String token = newToken();
        return db.sql("""
                        INSERT INTO refresh_token (token_hash, family_id, account_id, expires_at)
                        VALUES (:hash, :family, :account, :expires)""")
                .bind("hash", hash(token)).bind("family", familyId).bind("account", accountId)
                .bind("expires", clock.instant().plus(ttl))
                .then()
                .thenReturn(token);
    }

    /** Logout: revokes the family of this token if it belongs to the account; unknown tokens change nothing. */
    public Mono<Void> revokeFamily(String token, UUID accountId) {
        return db.sql("""
                        UPDATE refresh_token SET revoked_at = now()
                        WHERE revoked_at IS NULL AND family_id = (
                            SELECT family_id FROM refresh_token WHERE token_hash = :hash AND account_id = :account)""")
                .bind("hash", hash(token)).bind("account", accountId).then();
    }

    /** Every session of the account: on deletion, lock or password change. */
    public Mono<Void> revokeAll(UUID accountId) {
        return db.sql("UPDATE refresh_token SET revoked_at = now() WHERE account_id = :account AND revoked_at IS NULL")
                .bind("account", accountId).then();
    }

    /** Rows past their expiry are of no use to anyone; removed in the background. */
    public Mono<Long> deleteExpired(Duration keepAfterExpiry) {
        return db.sql("DELETE FROM refresh_token WHERE expires_at < :before")
                .bind("before", clock.instant().minus(keepAfterExpiry)).fetch().rowsUpdated();
    }

    private Mono<Void> revokeFamilyOfReused(byte[] hash) {
        return db.sql("""
                        UPDATE refresh_token SET revoked_at = now()
                        WHERE revoked_at IS NULL AND family_id = (
                            SELECT family_id FROM refresh_token
                            WHERE token_hash = :hash AND (used_at IS NOT NULL OR revoked_at IS NOT NULL))""")
                .bind("hash", hash).then();
    }

    public record Spent(UUID accountId, UUID familyId) {
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        return Sha256.of(token);
    }
}
