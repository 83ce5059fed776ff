package com.fruitfulplanet.gateway.security;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.gateway.routing.PublicRoutes;
import com.fruitfulplanet.platform.config.PlatformSecurityAutoConfiguration;
import com.fruitfulplanet.platform.problem.ProblemResponses;
import com.fruitfulplanet.platform.security.ProblemSecurityHandlers;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.util.unit.DataSize;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The edge's security chain: the platform baseline (stateless, no CSRF, problem+json 401/403), then
 *
 * <ul>
 *   <li>every request that carries a bearer token has it verified, public paths included: a bad token is a 401
 *       wherever it is sent, never silently ignored. The token travels on to the service unchanged, which verifies
 *       it again and decides about roles;</li>
 *   <li>the paths below are open without a token (shared/docs/API.md); everything else needs a valid one, so an
 *       unknown path without a token is a 401, not a 404 that would map the API for a stranger;</li>
 *   <li>CORS from the allow-list in {@link CorsProperties}, answered here, before authentication.</li>
 * </ul>
 *
 * The management port (actuator) is outside this chain; it is never routed and is reachable only inside the cluster.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsProperties.class)
class EdgeSecurityConfiguration {

    static final String[] HEALTH = {"/api/health/**"};
    static final String[] CATALOG = {"/api/v1/sectors/**", "/api/v1/brands/**", "/api/v1/products/**"};
    static final String[] AUTH_ENTRY = {"/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh",
            "/api/v1/auth/partner-token"};
    static final String JWKS = "/.well-known/jwks.json";
    /** The payment provider signs its webhooks; payment-service checks the signature. */
    static final String[] PAYMENT_WEBHOOKS = {"/api/v1/payments/webhooks/**"};
    /** 1C authenticates with HTTP Basic or an API key, which sync-1c-service checks. */
    static final String[] ONE_C = {"/1c/exchange", "/api/v1/partner/1c/**"};
    /** The OpenAPI documents and Swagger UI. */
    static final String[] DOCUMENTATION = Stream.concat(
                    Arrays.stream(PlatformSecurityAutoConfiguration.DOCUMENTATION_PATHS),
                    EdgeSecurityHeaders.DOCUMENTATION_UI_PATHS.stream())
            .toArray(String[]::new);

    @Bean
    EdgeTokens edgeTokens(ReactiveJwtDecoder platformJwtDecoder) {
        List<String> webSocketPaths = Arrays.stream(PlatformService.backends())
                .flatMap(service -> PublicRoutes.webSocketPaths(service).stream())
                .toList();
        return new EdgeTokens(new EdgeBearerTokenConverter(webSocketPaths), platformJwtDecoder);
    }

    @Bean
    SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, ProblemSecurityHandlers handlers, EdgeTokens tokens,
            ManagementPort managementPort, CorsConfigurationSource edgeCorsConfiguration) {
        PlatformSecurityAutoConfiguration.platformDefaults(http, handlers, tokens.decoder());
        ServerWebExchangeMatcher management = exchange -> managementPort.received(exchange)
                ? MatchResult.match() : MatchResult.notMatch();
        return http
                .securityMatcher(new NegatedServerWebExchangeMatcher(management))
                .oauth2ResourceServer(server -> server.bearerTokenConverter(tokens.bearerTokens()))
                .cors(spec -> spec.configurationSource(edgeCorsConfiguration))
                // EdgeSecurityHeaders writes these on every response, including those answered before this chain.
                .headers(headers -> headers
                        .hsts(ServerHttpSecurity.HeaderSpec.HstsSpec::disable)
                        .frameOptions(ServerHttpSecurity.HeaderSpec.FrameOptionsSpec::disable)
                        .contentTypeOptions(ServerHttpSecurity.HeaderSpec.ContentTypeOptionsSpec::disable))
                .authorizeExchange(exchanges -> exchanges
                        .matchers(exchange -> CorsUtils.isPreFlightRequest(exchange.getRequest())
                                ? MatchResult.match() : MatchResult.notMatch()).permitAll()
                        .pathMatchers(HEALTH).permitAll()
                        .pathMatchers(HttpMethod.GET, CATALOG).permitAll()
                        .pathMatchers(HttpMethod.HEAD, CATALOG).permitAll()
                        .pathMatchers(HttpMethod.POST, AUTH_ENTRY).permitAll()
                        .pathMatchers(HttpMethod.GET, JWKS).permitAll()
                        .pathMatchers(PAYMENT_WEBHOOKS).permitAll()
                        .pathMatchers(ONE_C).permitAll()
                        .pathMatchers(DOCUMENTATION).permitAll()
                        .anyExchange().authenticated())
                .build();
    }

    /**
     * Spring Security's firewall turns away paths that could mean different things to the gateway and to a service
     * ({@code ..}, encoded slashes, ...). The answer is a 400 problem like every other error, not an empty body.
     */
    @Bean
    ServerExchangeRejectedHandler rejectedRequests(ProblemResponses problems) {
        return (exchange, rejected) -> problems.write(exchange, ProblemResponses.problem(HttpStatus.BAD_REQUEST,
                "The request's path or headers are not acceptable."));
    }

    @Bean
    EdgeSecurityHeaders edgeSecurityHeaders(ManagementPort managementPort) {
        return new EdgeSecurityHeaders(managementPort);
    }

    @Bean
    ProxiedRequestSizeLimit proxiedRequestSizeLimit(
            @Value("${fruitfulplanet.web.max-request-size}") DataSize maxRequestSize) {
        return new ProxiedRequestSizeLimit(maxRequestSize);
    }

    @Bean
    CorsOnEarlyAnswers corsOnEarlyAnswers(CorsConfigurationSource edgeCorsConfiguration, ManagementPort managementPort) {
        return new CorsOnEarlyAnswers(edgeCorsConfiguration, managementPort);
    }

    @Bean
    CorsConfigurationSource edgeCorsConfiguration(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(properties.allowedMethods());
        cors.setAllowedHeaders(properties.allowedHeaders());
        cors.setExposedHeaders(properties.exposedHeaders());
        cors.setAllowCredentials(false);
        cors.setMaxAge(properties.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
