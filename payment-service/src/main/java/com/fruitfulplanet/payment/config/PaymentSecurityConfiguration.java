package com.fruitfulplanet.payment.config;

import com.fruitfulplanet.platform.config.PlatformSecurityAutoConfiguration;
import com.fruitfulplanet.platform.security.ProblemSecurityHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Who may call what (API.md "Payments"): providers post webhooks without a token (their signature is checked by the
 * webhook endpoint itself); any signed-in user reads payments (the owner check is the query's: someone else's
 * payment is not found); only managers and admins refund. Anything else is refused.
 */
@Configuration(proxyBeanMethods = false)
class PaymentSecurityConfiguration {

    static final String WEBHOOKS = "/api/v1/payments/webhooks/**";

    @Bean
    SecurityWebFilterChain paymentSecurity(ServerHttpSecurity http, ProblemSecurityHandlers handlers,
            ReactiveJwtDecoder decoder) {
        return PlatformSecurityAutoConfiguration.platformDefaults(http, handlers, decoder)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/**").permitAll()
                        .pathMatchers(PlatformSecurityAutoConfiguration.DOCUMENTATION_PATHS).permitAll()
                        .pathMatchers(HttpMethod.POST, WEBHOOKS).permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/v1/payments/*/refunds").hasAnyRole("MANAGER", "ADMIN")
                        .pathMatchers(HttpMethod.GET, "/api/v1/payments", "/api/v1/payments/*").authenticated()
                        .anyExchange().denyAll())
                .build();
    }
}
