package com.fruitfulplanet.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A row of {@code user_account}: a shopper, staff member or partner system. */
public record Account(UUID id, String email, String name, String passwordHash, List<Role> roles, Status status,
        Instant createdAt, Instant updatedAt, long version, String totpSecret, boolean totpEnabled,
        Long totpLastStep) {

    public enum Status { ACTIVE, LOCKED, DELETED }

    public Account {
        roles = List.copyOf(roles);
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    public List<String> roleNames() {
        return roles.stream().map(Role::name).toList();
    }
}
