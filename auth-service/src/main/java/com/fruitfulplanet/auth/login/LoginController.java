package com.fruitfulplanet.auth.login;

import com.fruitfulplanet.platform.security.Caller;
import com.fruitfulplanet.auth.web.ClientAddress;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Login, refresh and logout (API.md, "Auth and users"). Token responses are never cached. */
@RestController
public class LoginController {

    private final LoginService logins;

    public LoginController(LoginService logins) {
        this.logins = logins;
    }

    @PostMapping("/api/v1/auth/login")
    public Mono<ResponseEntity<TokenResponse>> login(@Valid @RequestBody LoginRequests.Login request,
            ServerWebExchange exchange) {
        return logins.login(request, ClientAddress.of(exchange.getRequest())).map(LoginController::noStore);
    }

    @PostMapping("/api/v1/auth/refresh")
    public Mono<ResponseEntity<TokenResponse>> refresh(@Valid @RequestBody LoginRequests.Refresh request) {
        return logins.refresh(request.refreshToken()).map(LoginController::noStore);
    }

    @PostMapping("/api/v1/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> logout(@AuthenticationPrincipal Jwt token, @Valid @RequestBody LoginRequests.Refresh request) {
        return logins.logout(request.refreshToken(), Caller.of(token).id());
    }

    static ResponseEntity<TokenResponse> noStore(TokenResponse tokens) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(tokens);
    }
}
