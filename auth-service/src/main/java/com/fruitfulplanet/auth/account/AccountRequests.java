package com.fruitfulplanet.auth.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request bodies of the account endpoints. Unknown fields (a "roles" in a registration) are ignored. */
public final class AccountRequests {

    private AccountRequests() {
    }

    public record Registration(
            @NotBlank @Email @Size(max = 320) String email,
            @NotNull @Size(max = 1024) String password,
            @NotBlank @Size(max = 200) String name) {
    }

    /**
     * A full replacement of the editable fields. {@code roles} is honoured only when an admin edits someone else;
     * anyone editing themselves keeps their roles whatever the body says.
     */
    public record Update(
            @NotBlank @Email @Size(max = 320) String email,
            @NotBlank @Size(max = 200) String name,
            List<Role> roles) {
    }

    public record NewPartner(
            @NotBlank @Email @Size(max = 320) String email,
            @NotBlank @Size(max = 200) String name) {
    }
}
