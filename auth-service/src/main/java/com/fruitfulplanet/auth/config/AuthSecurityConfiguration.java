package com.fruitfulplanet.auth.config;

import com.fruitfulplanet.auth.token.SigningKeys;
import com.fruitfulplanet.platform.config.PlatformJwtAutoConfiguration;
import com.fruitfulplanet.platform.config.PlatformSecurityAutoConfiguration;
import com.fruitfulplanet.platform.security.PlatformJwtProperties;
import com.fruitfulplanet.platform.security.ProblemSecurityHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Who may call what. auth-service checks tokens against its own keys in memory (it is the JWKS, so it never
 * fetches it), with the same rules as every other service. Roles are enforced here; "only yourself unless admin"
 * is enforced by the services, which answer 404 for other people's accounts.
 */
@Configuration(proxyBeanMethods = false)
class AuthSecurityConfiguration {

    @Bean
    ReactiveJwtDecoder ownKeysJwtDecoder(SigningKeys keys, PlatformJwtProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys::keysFor)
                .jwsAlgorithm(SignatureAlgorithm.ES256).build();
        decoder.setJwtValidator(PlatformJwtAutoConfiguration.accessTokenValidator(properties));
        return decoder;
    }

    @Bean
    SecurityWebFilterChain authSecurity(ServerHttpSecurity http, ProblemSecurityHandlers handlers,
            ReactiveJwtDecoder decoder) {
        return PlatformSecurityAutoConfiguration.platformDefaults(http, handlers, decoder)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/**").permitAll()
                        .pathMatchers(PlatformSecurityAutoConfiguration.DOCUMENTATION_PATHS).permitAll()
                        .pathMatchers(HttpMethod.GET, "/.well-known/jwks.json").permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login",
                                "/api/v1/auth/refresh", "/api/v1/auth/partner-token").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/v1/users").hasRole("ADMIN")
                        .pathMatchers("/api/v1/partners/**", "/api/v1/audit-log", "/api/v1/auth/signing-keys/**")
                        .hasRole("ADMIN")
                        .anyExchange().authenticated())
                .build();
    }
}
