package com.fruitfulplanet.auth.mfa;

import com.fruitfulplanet.auth.account.Accounts;
import com.fruitfulplanet.auth.web.AuthProblems;
import com.fruitfulplanet.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.OptionalLong;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Optional TOTP second factor for the signed-in user: enrol (get a secret), verify one code to switch it on,
 * disable with a current code, so a stolen access token alone cannot switch the second factor off.
 */
@RestController
public class MfaController {

    private static final String ISSUER_LABEL = "FruitfulPlanet";

    private final Accounts accounts;
    private final Totp totp;

    public MfaController(Accounts accounts, Totp totp) {
        this.accounts = accounts;
        this.totp = totp;
    }

    public record Enrolment(String secret, String otpauthUri) {
    }

    public record Code(@NotBlank @Size(max = 10) String code) {
    }

    @PostMapping("/api/v1/auth/mfa/totp")
    public Mono<Enrolment> enrol(@AuthenticationPrincipal Jwt token) {
        Caller caller = Caller.of(token);
        return activeAccount(caller).flatMap(account -> {
            if (account.totpEnabled()) {
                return Mono.error(AuthProblems.conflict("mfa-already-enabled", "Two-factor already enabled",
                        "Disable it first to enrol a new device."));
            }
            String secret = Totp.newSecret();
            return accounts.setTotp(account.id(), secret, false, null)
                    .thenReturn(new Enrolment(secret, Totp.otpauthUri(ISSUER_LABEL, account.email(), secret)));
        });
    }

    @PostMapping("/api/v1/auth/mfa/totp/verify")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> verify(@AuthenticationPrincipal Jwt token, @Valid @RequestBody Code request) {
        return activeAccount(Caller.of(token)).flatMap(account -> {
            if (account.totpSecret() == null) {
                return Mono.error(AuthProblems.conflict("mfa-not-enrolled", "Not enrolled",
                        "Start with POST /api/v1/auth/mfa/totp."));
            }
            OptionalLong step = totp.verify(account.totpSecret(), request.code());
            if (step.isEmpty()) {
                return Mono.error(AuthProblems.invalidField("code", "is not the current code"));
            }
            return accounts.setTotp(account.id(), account.totpSecret(), true, step.getAsLong());
        });
    }

    @PostMapping("/api/v1/auth/mfa/totp/disable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> disable(@AuthenticationPrincipal Jwt token, @Valid @RequestBody Code request) {
        return activeAccount(Caller.of(token)).flatMap(account -> {
            if (!account.totpEnabled()) {
                return Mono.empty();
            }
            OptionalLong step = totp.verify(account.totpSecret(), request.code());
            if (step.isEmpty()) {
                return Mono.error(AuthProblems.invalidField("code", "is not the current code"));
            }
            return accounts.useTotpStep(account.id(), step.getAsLong()).flatMap(fresh -> fresh
                    ? accounts.setTotp(account.id(), null, false, null)
                    : Mono.error(AuthProblems.invalidField("code", "was already used; wait for the next one")));
        });
    }

    private Mono<com.fruitfulplanet.auth.account.Account> activeAccount(Caller caller) {
        return accounts.byId(caller.id()).filter(com.fruitfulplanet.auth.account.Account::active)
                .switchIfEmpty(Mono.error(() -> AuthProblems.notFound("user")));
    }
}
