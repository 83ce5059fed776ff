package com.fruitfulplanet.catalog.config;

import com.fruitfulplanet.platform.config.PlatformSecurityAutoConfiguration;
import com.fruitfulplanet.platform.security.ProblemSecurityHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Who may call what (API.md "Catalog"): anyone reads the catalog; managers and admins change it; only admins bust
 * the cache; the internal bulk API (sync-1c-service, with the 1C partner's token) takes PARTNER or ADMIN.
 */
@Configuration(proxyBeanMethods = false)
class CatalogSecurityConfiguration {

    static final String[] CATALOG = {"/api/v1/sectors/**", "/api/v1/brands/**", "/api/v1/products/**"};

    @Bean
    SecurityWebFilterChain catalogSecurity(ServerHttpSecurity http, ProblemSecurityHandlers handlers,
            ReactiveJwtDecoder decoder) {
        return PlatformSecurityAutoConfiguration.platformDefaults(http, handlers, decoder)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/**").permitAll()
                        .pathMatchers(PlatformSecurityAutoConfiguration.DOCUMENTATION_PATHS).permitAll()
                        .pathMatchers(HttpMethod.GET, CATALOG).permitAll()
                        .pathMatchers(HttpMethod.HEAD, CATALOG).permitAll()
                        .pathMatchers(CATALOG).hasAnyRole("MANAGER", "ADMIN")
                        .pathMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .pathMatchers("/internal/**").hasAnyRole("PARTNER", "ADMIN")
                        .anyExchange().denyAll())
                .build();
    }
}
