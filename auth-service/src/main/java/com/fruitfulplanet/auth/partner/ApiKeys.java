package com.fruitfulplanet.auth.partner;

import com.fruitfulplanet.auth.web.Sha256;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Partner API keys, {@code fpk_<prefix>_<secret>}: the 12-character prefix finds the row, the 256-bit secret is
 * kept only as SHA-256 and compared in constant time.
 */
@Repository
public class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final DatabaseClient db;

    public ApiKeys(DatabaseClient db) {
        this.db = db;
    }

    public record ApiKey(UUID id, UUID accountId, String prefix, String name, Instant createdAt, Instant lastUsedAt,
            Instant revokedAt) {
    }

    public record CreatedKey(ApiKey key, String secret) {
    }

    public Mono<CreatedKey> create(UUID accountId, String name) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            prefix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String full = "fpk_" + prefix + "_" + secret;
        return db.sql("""
                        INSERT INTO api_key (id, account_id, prefix, secret_hash, name)
                        VALUES (:id, :account, :prefix, :hash, :name)
                        RETURNING id, account_id, prefix, name, created_at, last_used_at, revoked_at""")
                .bind("id", UUID.randomUUID()).bind("account", accountId).bind("prefix", prefix.toString())
                .bind("hash", Sha256.of(secret)).bind("name", name)
                .map(ApiKeys::apiKey).one()
                .map(key -> new CreatedKey(key, full));
    }

    public Flux<ApiKey> of(UUID accountId) {
        return db.sql("""
                        SELECT id, account_id, prefix, name, created_at, last_used_at, revoked_at FROM api_key
                        WHERE account_id = :account ORDER BY created_at""")
                .bind("account", accountId).map(ApiKeys::apiKey).all();
    }

    public Mono<Boolean> revoke(UUID accountId, UUID keyId) {
        return db.sql("UPDATE api_key SET revoked_at = now() WHERE id = :id AND account_id = :account AND revoked_at IS NULL")
                .bind("id", keyId).bind("account", accountId).fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** The account a presented key belongs to, if the key is well-formed, live and matches; empty otherwise. */
    public Mono<UUID> verify(String presented) {
        String[] parts = presented == null ? new String[0] : presented.split("_", 3);
        if (parts.length != 3 || !parts[0].equals("fpk") || !parts[1].matches("[a-z0-9]{12}")) {
            return Mono.empty();
        }
        byte[] hash = Sha256.of(parts[2]);
        return db.sql("SELECT account_id, secret_hash FROM api_key WHERE prefix = :prefix AND revoked_at IS NULL")
                .bind("prefix", parts[1])
                .map(row -> new Stored(row.get("account_id", UUID.class), row.get("secret_hash", byte[].class)))
                .one()
                .filter(stored -> MessageDigest.isEqual(stored.hash(), hash))
                .flatMap(stored -> db.sql("UPDATE api_key SET last_used_at = now() WHERE prefix = :prefix")
                        .bind("prefix", parts[1]).then().thenReturn(stored.accountId()));
    }

    private record Stored(UUID accountId, byte[] hash) {
    }

    private static ApiKey apiKey(io.r2dbc.spi.Readable row) {
        OffsetDateTime lastUsed = row.get("last_used_at", OffsetDateTime.class);
        OffsetDateTime revoked = row.get("revoked_at", OffsetDateTime.class);
        return new ApiKey(row.get("id", UUID.class), row.get("account_id", UUID.class), row.get("prefix", String.class),
                row.get("name", String.class), row.get("created_at", OffsetDateTime.class).toInstant(),
                lastUsed == null ? null : lastUsed.toInstant(), revoked == null ? null : revoked.toInstant());
    }

}
