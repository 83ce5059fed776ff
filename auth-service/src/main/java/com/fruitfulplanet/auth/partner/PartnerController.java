package com.fruitfulplanet.auth.partner;

import com.fruitfulplanet.auth.account.Account;
import com.fruitfulplanet.auth.account.AccountRequests;
import com.fruitfulplanet.auth.account.AccountService;
import com.fruitfulplanet.auth.account.Accounts;
import com.fruitfulplanet.auth.account.Role;
import com.fruitfulplanet.auth.audit.AuditLog;
import com.fruitfulplanet.auth.login.LoginService;
import com.fruitfulplanet.auth.login.LoginThrottle;
import com.fruitfulplanet.auth.login.TokenResponse;
import com.fruitfulplanet.auth.token.AccessTokens;
import com.fruitfulplanet.auth.web.AuthProblems;
import com.fruitfulplanet.platform.security.Caller;
import com.fruitfulplanet.auth.web.ClientAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Partner systems (the shop's 1C and others): admins create their accounts and API keys; a partner exchanges its
 * HTTP Basic credentials or an API key for a short-lived access token with the {@code PARTNER} role.
 */
@RestController
public class PartnerController {

    private final AccountService accountService;
    private final Accounts accounts;
    private final ApiKeys apiKeys;
    private final LoginService logins;
    private final LoginThrottle throttle;
    private final AccessTokens accessTokens;
    private final AuditLog audit;
    private final TransactionalOperator transactions;

    public PartnerController(AccountService accountService, Accounts accounts, ApiKeys apiKeys, LoginService logins,
            LoginThrottle throttle, AccessTokens accessTokens, AuditLog audit, TransactionalOperator transactions) {
        this.accountService = accountService;
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.logins = logins;
        this.throttle = throttle;
        this.accessTokens = accessTokens;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** The generated password is in this response only. */
    @PostMapping("/api/v1/partners")
    public Mono<ResponseEntity<AccountService.CreatedPartner>> create(@AuthenticationPrincipal Jwt token,
            @Valid @RequestBody AccountRequests.NewPartner request) {
        return accountService.createPartner(Caller.of(token), request).map(created -> ResponseEntity
                .created(URI.create("/api/v1/users/" + created.account().id()))
                .cacheControl(CacheControl.noStore()).body(created));
    }

    public record NewApiKey(@NotBlank @Size(max = 100) String name) {
    }

    public record ApiKeyView(UUID id, String name, String prefix, Instant createdAt, Instant lastUsedAt,
            Instant revokedAt) {
        static ApiKeyView of(ApiKeys.ApiKey key) {
            return new ApiKeyView(key.id(), key.name(), key.prefix(), key.createdAt(), key.lastUsedAt(),
                    key.revokedAt());
        }
    }

    public record CreatedApiKey(UUID id, String name, String key, Instant createdAt) {
    }

    /** The full key is in this response only. */
    @PostMapping("/api/v1/partners/{id}/api-keys")
    public Mono<ResponseEntity<CreatedApiKey>> createKey(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
            @Valid @RequestBody NewApiKey request) {
        Caller admin = Caller.of(token);
        return partner(id).flatMap(partner -> transactions.transactional(apiKeys.create(id, request.name())
                        .flatMap(created -> audit.record(admin.id(), "API_KEY_CREATED", id,
                                        Map.of("keyId", created.key().id(), "name", request.name()))
                                .thenReturn(created))))
                .map(created -> ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                        .body(new CreatedApiKey(created.key().id(), created.key().name(), created.secret(),
                                created.key().createdAt())));
    }

    @GetMapping("/api/v1/partners/{id}/api-keys")
    public Mono<List<ApiKeyView>> keys(@PathVariable UUID id) {
        return partner(id).flatMap(partner -> apiKeys.of(id).map(ApiKeyView::of).collectList());
    }

    @DeleteMapping("/api/v1/partners/{id}/api-keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> revokeKey(@AuthenticationPrincipal Jwt token, @PathVariable UUID id, @PathVariable UUID keyId) {
        Caller admin = Caller.of(token);
        return transactions.transactional(apiKeys.revoke(id, keyId).flatMap(revoked -> revoked
                ? audit.record(admin.id(), "API_KEY_REVOKED", id, Map.of("keyId", keyId))
                : Mono.error(AuthProblems.notFound("API key"))));
    }

    /**
     * {@code Authorization: Basic <email:password>} of a PARTNER account, or {@code X-API-Key}; answers an access
     * token (no refresh token: a partner simply asks again). Failed Basic attempts are throttled like logins.
     */
    @PostMapping("/api/v1/auth/partner-token")
    public Mono<ResponseEntity<TokenResponse>> token(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String apiKey = headers.getFirst("X-API-Key");
        Mono<Account> partner;
        if (apiKey != null) {
            partner = apiKeys.verify(apiKey).flatMap(accounts::byId)
                    .switchIfEmpty(Mono.error(AuthProblems::invalidCredentials));
        } else {
            partner = basic(headers.getFirst(HttpHeaders.AUTHORIZATION), ClientAddress.of(exchange.getRequest()));
        }
        return partner
                .filter(account -> account.active() && account.roles().contains(Role.PARTNER))
                .switchIfEmpty(Mono.error(AuthProblems::invalidCredentials))
                .map(account -> {
                    AccessTokens.IssuedAccessToken access = accessTokens.issue(account.id(), List.of(Role.PARTNER.name()));
                    return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                            .body(TokenResponse.bearer(access.value(), null, access.expiresInSeconds()));
                });
    }

    private Mono<Account> basic(String authorization, String address) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Mono.error(AuthProblems.invalidCredentials());
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Mono.error(AuthProblems.invalidCredentials());
        }
        int colon = decoded.indexOf(':');
        if (colon < 1) {
            return Mono.error(AuthProblems.invalidCredentials());
        }
        String email = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        return throttle.lockedFor(email, address).flatMap(wait -> wait.isZero()
                ? logins.authenticate(email, password)
                        .onErrorResume(failure -> throttle.failed(email, address).then(Mono.error(failure)))
                        .flatMap(account -> throttle.succeeded(email).thenReturn(account))
                : Mono.error(AuthProblems.tooManyAttempts(wait)));
    }

    private Mono<Account> partner(UUID id) {
        return accounts.byId(id).filter(account -> account.active() && account.roles().contains(Role.PARTNER))
                .switchIfEmpty(Mono.error(() -> AuthProblems.notFound("partner")));
    }
}
