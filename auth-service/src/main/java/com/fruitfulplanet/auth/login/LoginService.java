package com.fruitfulplanet.auth.login;

import com.fruitfulplanet.auth.account.Account;
import com.fruitfulplanet.auth.account.Accounts;
import com.fruitfulplanet.auth.mfa.Totp;
import com.fruitfulplanet.auth.password.PasswordHashing;
import com.fruitfulplanet.auth.token.AccessTokens;
import com.fruitfulplanet.auth.token.RefreshTokens;
import com.fruitfulplanet.auth.web.AuthProblems;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Login, refresh and logout. Every way a login can fail (unknown email, wrong password, deleted account, wrong
 * one-time code) costs one password check and ends in the same 401, so neither the answer nor its timing tells an
 * attacker whether an account exists.
 */
@Service
public class LoginService {

    private final Accounts accounts;
    private final PasswordHashing passwords;
    private final LoginThrottle throttle;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final Totp totp;
    private final TransactionalOperator transactions;
    private final MeterRegistry meters;

    public LoginService(Accounts accounts, PasswordHashing passwords, LoginThrottle throttle,
            AccessTokens accessTokens, RefreshTokens refreshTokens, Totp totp, TransactionalOperator transactions,
            MeterRegistry meters) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.totp = totp;
        this.transactions = transactions;
        this.meters = meters;
    }

    public Mono<TokenResponse> login(LoginRequests.Login request, String address) {
        String email = request.email().trim();
        return throttle.lockedFor(email, address).flatMap(wait -> {
            if (!wait.isZero()) {
                return Mono.error(AuthProblems.tooManyAttempts(wait));
            }
            return authenticate(email, request.password())
                    .flatMap(account -> secondFactor(account, request.totp()))
                    .onErrorResume(failure -> isCredentialFailure(failure)
                            ? throttle.failed(email, address).then(Mono.error(failure))
                            : Mono.error(failure))
                    .flatMap(account -> throttle.succeeded(email).then(issuePair(account)))
                    .doOnSuccess(ok -> count("success"))
                    .doOnError(failure -> count(outcome(failure)));
        });
    }

    /** The account whose password this is; the same 401 whatever went wrong. Shared with partner Basic auth. */
    public Mono<Account> authenticate(String email, String password) {
        return accounts.activeByEmail(email)
                .flatMap(account -> passwords.matches(password, account.passwordHash())
                        .flatMap(matches -> matches ? upgradeHash(account, password).thenReturn(account)
                                : Mono.error(AuthProblems.invalidCredentials())))
                .switchIfEmpty(Mono.defer(() -> passwords.matchesNothing(password)
                        .then(Mono.error(AuthProblems.invalidCredentials()))));
    }

    private Mono<Account> secondFactor(Account account, String code) {
        if (!account.totpEnabled()) {
            return Mono.just(account);
        }
        if (code == null || code.isBlank()) {
            return Mono.error(AuthProblems.mfaRequired());
        }
        OptionalLong step = totp.verify(account.totpSecret(), code);
        if (step.isEmpty()) {
            return Mono.error(AuthProblems.invalidCredentials());
        }
        return accounts.useTotpStep(account.id(), step.getAsLong())
                .flatMap(fresh -> fresh ? Mono.just(account) : Mono.error(AuthProblems.invalidCredentials()));
    }

    /** Rotates the refresh token: the old one is dead, and presenting it again revokes the family. */
    public Mono<TokenResponse> refresh(String refreshToken) {
        return transactions.transactional(refreshTokens.spend(refreshToken)
                        .flatMap(spent -> accounts.byId(spent.accountId()).filter(Account::active)
                                .flatMap(account -> refreshTokens.issue(account.id(), spent.familyId())
                                        .map(next -> pair(account, next)))))
                .switchIfEmpty(Mono.error(AuthProblems::invalidRefreshToken))
                .doOnSuccess(ok -> count("refreshed"))
                .doOnError(failure -> count("refresh-refused"));
    }

    public Mono<Void> logout(String refreshToken, UUID accountId) {
        return refreshTokens.revokeFamily(refreshToken, accountId);
    }

    private Mono<TokenResponse> issuePair(Account account) {
        return refreshTokens.issue(account.id()).map(refresh -> pair(account, refresh));
    }

    private TokenResponse pair(Account account, String refresh) {
        AccessTokens.IssuedAccessToken access = accessTokens.issue(account.id(), account.roleNames());
        return TokenResponse.bearer(access.value(), refresh, access.expiresInSeconds());
    }

    /** A stronger hash (new parameters) replaces the stored one while the clear password is at hand. */
    private Mono<Void> upgradeHash(Account account, String password) {
        if (!passwords.needsRehash(account.passwordHash())) {
            return Mono.empty();
        }
        return passwords.hash(password).flatMap(hash -> accounts.updatePasswordHash(account.id(), hash));
    }

    private static boolean isCredentialFailure(Throwable failure) {
        // "Code required" is not a failure: the password was right, the client learns it must ask for the code.
        return failure instanceof org.springframework.web.ErrorResponseException problem
                && problem.getStatusCode().value() == 401
                && !problem.getBody().getType().toString().endsWith(":mfa-required");
    }

    private static String outcome(Throwable failure) {
        if (failure instanceof org.springframework.web.ErrorResponseException problem) {
            return switch (problem.getStatusCode().value()) {
                case 401 -> "refused";
                case 429 -> "throttled";
                default -> "error";
            };
        }
        return "error";
    }

    private void count(String outcome) {
        meters.counter("auth.logins", "outcome", outcome).increment();
    }
}
