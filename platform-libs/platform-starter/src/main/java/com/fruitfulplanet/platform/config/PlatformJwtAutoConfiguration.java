package com.fruitfulplanet.platform.config;

import com.fruitfulplanet.platform.security.JwkSetCache;
import com.fruitfulplanet.platform.security.PlatformJwtProperties;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The access-token decoder of every service and of the gateway: ES256 only (so neither {@code alg: none} nor an
 * HMAC token "signed" with a public key can pass), keys from auth-service's JWKS through {@link JwkSetCache}, and
 * {@code exp}, {@code nbf}, {@code iss}, {@code aud} and {@code sub} checked. auth-service, which holds the keys
 * itself, declares its own decoder and this one steps aside.
 */
@AutoConfiguration(before = PlatformSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(PlatformJwtProperties.class)
public class PlatformJwtAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ReactiveJwtDecoder.class)
    ReactiveJwtDecoder platformJwtDecoder(PlatformJwtProperties properties) {
        // A plain builder: the JWKS fetch has its own timeout and stale-key fallback, so the platform's retries
        // and circuit breaker for service calls would only add delay here.
        JwkSetCache keys = new JwkSetCache(WebClient.builder().build(), properties, Clock.systemUTC());
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys::keysFor)
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        decoder.setJwtValidator(accessTokenValidator(properties));
        return decoder;
    }

    /** What makes a token with a good signature an access token for this platform. */
    public static OAuth2TokenValidator<Jwt> accessTokenValidator(PlatformJwtProperties properties) {
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuer()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        audience -> audience != null && audience.contains(properties.audience())),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank()),
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, expiry -> expiry != null)));
    }
}
