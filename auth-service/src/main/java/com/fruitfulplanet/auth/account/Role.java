package com.fruitfulplanet.auth.account;

/** The platform's roles, as they appear in the {@code roles} claim of access tokens. */
public enum Role {
    CUSTOMER, MANAGER, ADMIN, PARTNER
}
