package com.fruitfulplanet.order.config;

import com.fruitfulplanet.platform.config.PlatformSecurityAutoConfiguration;
import com.fruitfulplanet.platform.security.ProblemSecurityHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Who may call what (API.md "Cart and orders"): any signed-in user has a cart and places, reads and cancels their
 * own orders (ownership is checked by the handlers: another user's order is a 404); fulfilment steps are for
 * managers and admins.
 */
@Configuration(proxyBeanMethods = false)
class OrderSecurityConfiguration {

    @Bean
    SecurityWebFilterChain orderSecurity(ServerHttpSecurity http, ProblemSecurityHandlers handlers,
            ReactiveJwtDecoder decoder) {
        return PlatformSecurityAutoConfiguration.platformDefaults(http, handlers, decoder)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/**").permitAll()
                        .pathMatchers(PlatformSecurityAutoConfiguration.DOCUMENTATION_PATHS).permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/v1/orders/*/status").hasAnyRole("MANAGER", "ADMIN")
                        .pathMatchers("/api/v1/cart", "/api/v1/cart/**").authenticated()
                        .pathMatchers("/api/v1/orders", "/api/v1/orders/**").authenticated()
                        .anyExchange().denyAll())
                .build();
    }
}
