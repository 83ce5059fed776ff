package com.fruitfulplanet.contracts.events.auth;

import com.fruitfulplanet.contracts.events.DomainEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Published by auth-service when a user account is created; keyed by user id. */
public record UserRegistered(UUID userId, String email, String displayName, Instant registeredAt)
        implements DomainEvent {

    public UserRegistered {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }

    @Override
    public String key() {
        return userId.toString();
    }
}
