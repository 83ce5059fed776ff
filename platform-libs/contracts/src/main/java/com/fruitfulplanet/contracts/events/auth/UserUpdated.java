package com.fruitfulplanet.contracts.events.auth;

import com.fruitfulplanet.contracts.events.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Published by auth-service when an account's profile or roles change; keyed by user id. Carries the whole new
 * state (not a diff), so a consumer that missed an earlier update still ends up right.
 */
public record UserUpdated(UUID userId, String email, String displayName, List<String> roles, Instant updatedAt)
        implements DomainEvent {

    public UserUpdated {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        roles = roles == null ? List.of() : List.copyOf(roles);
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    @Override
    public String key() {
        return userId.toString();
    }
}
