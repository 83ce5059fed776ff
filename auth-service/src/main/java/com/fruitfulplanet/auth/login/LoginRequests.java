package com.fruitfulplanet.auth.login;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of login, refresh and logout. */
public final class LoginRequests {

    private LoginRequests() {
    }

    /** No email-format check here: a malformed email is just wrong credentials, answered the same way. */
    public record Login(@NotBlank @Size(max = 320) String email, @NotNull @Size(max = 1024) String password,
            @Size(max = 10) String totp) {
    }

    public record Refresh(@NotBlank @Size(max = 200) String refreshToken) {
    }
}
