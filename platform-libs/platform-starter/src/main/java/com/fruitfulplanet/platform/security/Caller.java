package com.fruitfulplanet.platform.security;

import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who is calling, from their (already verified) access token: every service checks roles and ownership with it. */
public record Caller(UUID id, List<String> roles) {

    public static Caller of(Jwt jwt) {
        List<String> roles = jwt.hasClaim(RolesClaimConverter.ROLES_CLAIM)
                ? jwt.getClaimAsStringList(RolesClaimConverter.ROLES_CLAIM) : List.of();
        return new Caller(UUID.fromString(jwt.getSubject()), roles);
    }

    /** Shop staff: managers and admins. */
    public boolean isStaff() {
        return roles.contains("MANAGER") || isAdmin();
    }

    public boolean isAdmin() {
        return roles.contains("ADMIN");
    }

    /** Admins may act on anyone; everyone else only on themselves. */
    public boolean mayActOn(UUID accountId) {
        return isAdmin() || id.equals(accountId);
    }
}
