package com.fruitfulplanet.auth.account;

import com.fruitfulplanet.platform.security.Caller;
import com.fruitfulplanet.platform.paging.Page;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Registration, "me" and user administration (API.md, "Auth and users"). */
@RestController
public class AccountController {

    private final AccountService accounts;

    public AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/api/v1/auth/register")
    public Mono<ResponseEntity<AccountView>> register(@Valid @RequestBody AccountRequests.Registration request) {
        return accounts.register(request).map(account -> ResponseEntity
                .created(URI.create("/api/v1/users/" + account.id())).body(AccountView.of(account)));
    }

    @GetMapping("/api/v1/auth/me")
    public Mono<AccountView> me(@AuthenticationPrincipal Jwt token) {
        Caller caller = Caller.of(token);
        return accounts.get(caller, caller.id()).map(AccountView::of);
    }

    @GetMapping("/api/v1/users")
    public Mono<Page<AccountView>> list(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Role role) {
        return accounts.list(limit, cursor, role);
    }

    @GetMapping("/api/v1/users/{id}")
    public Mono<AccountView> get(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return accounts.get(Caller.of(token), id).map(AccountView::of);
    }

    @PutMapping("/api/v1/users/{id}")
    public Mono<AccountView> update(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
            @Valid @RequestBody AccountRequests.Update request) {
        return accounts.update(Caller.of(token), id, request).map(AccountView::of);
    }

    @DeleteMapping("/api/v1/users/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> delete(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return accounts.delete(Caller.of(token), id);
    }
}
