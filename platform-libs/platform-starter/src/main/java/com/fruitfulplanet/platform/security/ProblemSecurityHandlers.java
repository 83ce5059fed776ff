package com.fruitfulplanet.platform.security;

import com.fruitfulplanet.platform.problem.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 and 403 as problem details. The 401 carries {@code WWW-Authenticate: Bearer} and says nothing about why a
 * token was refused: telling an attacker which check failed helps only the attacker.
 */
public class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final ProblemResponses problems;

    public ProblemSecurityHandlers(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        return problems.write(exchange, problem(HttpStatus.UNAUTHORIZED,
                "A valid access token is required: send it as 'Authorization: Bearer <token>'."));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return problems.write(exchange, problem(HttpStatus.FORBIDDEN, "Your role does not allow this action."));
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemResponses.problem(status, detail);
    }
}
