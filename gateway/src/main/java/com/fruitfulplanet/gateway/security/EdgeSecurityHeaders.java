package com.fruitfulplanet.gateway.security;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The browser-facing security headers, on every public response: the gateway's own answers (429, 413, 401, 404,
 * 503), the services' answers it passes on, and Swagger UI. They are written just before the response is committed,
 * so they replace whatever a service sent and survive error handling that rebuilds the response.
 *
 * <p>HSTS is sent unconditionally: TLS ends at the ingress, so the gateway itself only ever sees plain HTTP and
 * cannot tell from the request that the client used HTTPS (browsers ignore HSTS received over plain HTTP anyway).
 * The API's content security policy forbids everything, since JSON needs nothing; only Swagger UI gets one that
 * lets its own scripts, styles (it sets inline styles) and images run.
 */
public final class EdgeSecurityHeaders implements WebFilter, Ordered {

    /** Right after the request id filter, so that even answers of the very first filters carry the headers. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    static final String HSTS = "max-age=31536000; includeSubDomains";
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
    static final String DOCUMENTATION_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** The pages of Swagger UI; the OpenAPI documents themselves are JSON and get the API's policy. */
    public static final List<String> DOCUMENTATION_UI_PATHS = List.of("/swagger-ui.html", "/swagger-ui/**",
            "/webjars/**");

    /** Headers that only tell an attacker which software answers. */
    private static final List<String> REVEALING = List.of("Server", "X-Powered-By", "X-AspNet-Version");

    private static final List<PathPattern> DOCUMENTATION_UI = DOCUMENTATION_UI_PATHS.stream()
            .map(PathPatternParser.defaultInstance::parse)
            .toList();

    private final ManagementPort managementPort;

    public EdgeSecurityHeaders(ManagementPort managementPort) {
        this.managementPort = managementPort;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (managementPort.received(exchange)) {
            return chain.filter(exchange);
        }
        String csp = isDocumentationUi(exchange) ? DOCUMENTATION_CSP : API_CSP;
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("Strict-Transport-Security", HSTS);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Content-Security-Policy", csp);
            REVEALING.forEach(headers::remove);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static boolean isDocumentationUi(ServerWebExchange exchange) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        return DOCUMENTATION_UI.stream().anyMatch(pattern -> pattern.matches(path));
    }
}
