package com.fruitfulplanet.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An account as the API shows it: never the password hash or the second-factor secret. */
public record AccountView(UUID id, String email, String name, List<String> roles, boolean mfaEnabled,
        Instant createdAt, Instant updatedAt) {

    public static AccountView of(Account account) {
        return new AccountView(account.id(), account.email(), account.name(), account.roleNames(),
                account.totpEnabled(), account.createdAt(), account.updatedAt());
    }
}
