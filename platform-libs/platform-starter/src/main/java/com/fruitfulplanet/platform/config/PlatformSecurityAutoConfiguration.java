package com.fruitfulplanet.platform.config;

import com.fruitfulplanet.platform.problem.ProblemResponses;
import com.fruitfulplanet.platform.security.PlatformSecurityProperties;
import com.fruitfulplanet.platform.security.ProblemSecurityHandlers;
import com.fruitfulplanet.platform.security.RolesClaimConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;

/**
 * Resource-server defaults: stateless, no sessions, no CSRF (bearer tokens, not cookies), no login forms; the
 * public paths a service declares are open, the actuator (on the internal management port) is open, everything
 * else needs a valid JWT, checked by the decoder of {@link PlatformJwtAutoConfiguration}; a service whose decoder
 * cannot reach the keys answers 401 to everything but the public paths: a misconfigured service fails closed. A
 * service with its own rules declares its own
 * {@link SecurityWebFilterChain}, starting from {@link #platformDefaults}.
 */
@AutoConfiguration(after = PlatformWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableWebFluxSecurity
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public class PlatformSecurityAutoConfiguration {

    /** The service's OpenAPI document: public, like the API it describes. */
    public static final String[] DOCUMENTATION_PATHS = {"/v3/api-docs", "/v3/api-docs/**"};

    @Bean
    @ConditionalOnMissingBean
    ProblemSecurityHandlers problemSecurityHandlers(ProblemResponses problems) {
        return new ProblemSecurityHandlers(problems);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain platformSecurityWebFilterChain(ServerHttpSecurity http, PlatformSecurityProperties properties,
            ProblemSecurityHandlers handlers, ObjectProvider<ReactiveJwtDecoder> jwtDecoder) {
        platformDefaults(http, handlers, jwtDecoder.getIfAvailable());
        return http
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers("/actuator/**").permitAll();
                    exchanges.pathMatchers(DOCUMENTATION_PATHS).permitAll();
                    if (!properties.publicPaths().isEmpty()) {
                        exchanges.pathMatchers(properties.publicPaths().toArray(String[]::new)).permitAll();
                    }
                    exchanges.anyExchange().authenticated();
                })
                .build();
    }

    /** The stateless bearer-token baseline every chain of the platform starts from. */
    public static ServerHttpSecurity platformDefaults(ServerHttpSecurity http, ProblemSecurityHandlers handlers,
            ReactiveJwtDecoder jwtDecoder) {
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
        if (jwtDecoder != null) {
            http.oauth2ResourceServer(server -> server
                    .authenticationEntryPoint(handlers)
                    .accessDeniedHandler(handlers)
                    .jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(new RolesClaimConverter())));
        }
        return http;
    }
}
