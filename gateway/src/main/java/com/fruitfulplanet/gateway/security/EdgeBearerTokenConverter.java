package com.fruitfulplanet.gateway.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Finds the access token of a request: {@code Authorization: Bearer <token>} everywhere and, on the WebSocket
 * endpoints only (browsers cannot set headers on a WebSocket handshake), also {@code ?access_token=<token>} or
 * {@code Sec-WebSocket-Protocol: bearer, <token>} (shared/docs/API.md). A token in a query string ends up in access
 * logs, so no other path accepts one. A request that carries more than one token, or a malformed one, is refused
 * rather than guessed at.
 */
public final class EdgeBearerTokenConverter implements ServerAuthenticationConverter {

    static final String QUERY_PARAMETER = "access_token";
    static final String SUBPROTOCOL = "bearer";
    static final String SUBPROTOCOL_HEADER = "Sec-WebSocket-Protocol";

    /** RFC 6750 b64token, as Spring Security checks the Authorization header. */
    private static final Pattern TOKEN = Pattern.compile("^[a-zA-Z0-9\\-._~+/]+=*$");

    private final ServerBearerTokenAuthenticationConverter header = new ServerBearerTokenAuthenticationConverter();
    private final List<PathPattern> webSocketPaths;

    /** @param webSocketPaths the WebSocket endpoints, the only places a token may come another way */
    public EdgeBearerTokenConverter(List<String> webSocketPaths) {
        this.webSocketPaths = webSocketPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (webSocketPaths.stream().noneMatch(pattern -> pattern.matches(path))) {
            return header.convert(exchange);
        }
        return header.convert(exchange)
                .map(authentication -> ((BearerTokenAuthenticationToken) authentication).getToken())
                .map(List::of)
                .defaultIfEmpty(List.of())
                .flatMap(fromHeader -> {
                    List<String> tokens = new ArrayList<>(fromHeader);
                    tokens.addAll(webSocketTokens(exchange.getRequest()));
                    if (tokens.isEmpty()) {
                        return Mono.empty();
                    }
                    if (tokens.size() > 1) {
                        return Mono.error(new InvalidBearerTokenException("Found multiple bearer tokens in the request"));
                    }
                    String token = tokens.getFirst();
                    if (!TOKEN.matcher(token).matches()) {
                        return Mono.error(new InvalidBearerTokenException("Bearer token is malformed"));
                    }
                    return Mono.just(new BearerTokenAuthenticationToken(token));
                });
    }

    private static List<String> webSocketTokens(ServerHttpRequest request) {
        List<String> tokens = new ArrayList<>(request.getQueryParams().getOrDefault(QUERY_PARAMETER, List.of()));
        // "Sec-WebSocket-Protocol: bearer, <token>": the subprotocol list, the token following the "bearer" marker.
        List<String> protocols = request.getHeaders().getOrEmpty(SUBPROTOCOL_HEADER).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .toList();
        for (int i = 0; i < protocols.size() - 1; i++) {
            if (SUBPROTOCOL.equalsIgnoreCase(protocols.get(i))) {
                tokens.add(protocols.get(i + 1));
            }
        }
        return tokens;
    }
}
