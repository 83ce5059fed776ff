package com.fruitfulplanet.contracts.events.auth;

import com.fruitfulplanet.contracts.events.DomainEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Published by auth-service when an account is deleted; keyed by user id. Consumers drop what they keep about the
 * user (carts, notification settings); the event carries no personal data on purpose.
 */
public record UserDeleted(UUID userId, Instant deletedAt) implements DomainEvent {

    public UserDeleted {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deletedAt, "deletedAt");
    }

    @Override
    public String key() {
        return userId.toString();
    }
}
