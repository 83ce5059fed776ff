package com.fruitfulplanet.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerTest {

    private static Jwt token(UUID subject, List<String> roles) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "ES256").subject(subject.toString())
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        return roles == null ? builder.claim("jti", "x").build() : builder.claim("roles", roles).build();
    }

    @Test
    void rolesComeFromTheRolesClaimAndStaffIsManagerOrAdmin() {
        UUID id = UUID.randomUUID();
        assertThat(Caller.of(token(id, List.of("CUSTOMER")))).satisfies(caller -> {
            assertThat(caller.id()).isEqualTo(id);
            assertThat(caller.isStaff()).isFalse();
            assertThat(caller.mayActOn(id)).isTrue();
            assertThat(caller.mayActOn(UUID.randomUUID())).isFalse();
        });
        assertThat(Caller.of(token(id, List.of("MANAGER"))).isStaff()).isTrue();
        assertThat(Caller.of(token(id, List.of("MANAGER"))).isAdmin()).isFalse();
        assertThat(Caller.of(token(id, List.of("ADMIN"))).isStaff()).isTrue();
        assertThat(Caller.of(token(id, List.of("ADMIN"))).mayActOn(UUID.randomUUID())).isTrue();
        assertThat(Caller.of(token(id, null)).roles()).isEmpty();
    }
}
