package com.fruitfulplanet.auth.token;

import com.fruitfulplanet.auth.config.AuthProperties;
import com.fruitfulplanet.platform.security.PlatformJwtProperties;
import com.fruitfulplanet.platform.security.RolesClaimConverter;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Signs access tokens: ES256 with the active key (its {@code kid} in the header), {@code iss}, {@code aud},
 * {@code sub}, {@code roles}, {@code jti}, {@code iat}, {@code exp}. Signing is a few hundred microseconds of CPU,
 * so it runs where it is called; signing and JOSE serialisation are Nimbus's, through Spring Security.
 */
@Component
public class AccessTokens {

    private final SigningKeys keys;
    private final NimbusJwtEncoder encoder;
    private final PlatformJwtProperties jwt;
    private final Duration ttl;
    private final Clock clock;

    public AccessTokens(SigningKeys keys, PlatformJwtProperties jwt, AuthProperties properties, Clock clock) {
        this.keys = keys;
        this.jwt = jwt;
        this.ttl = properties.tokens().accessTokenTtl();
        this.clock = clock;
        JWKSource<SecurityContext> activeKey = (selector, context) -> selector.select(new JWKSet(keys.active()));
        this.encoder = new NimbusJwtEncoder(activeKey);
    }

    public IssuedAccessToken issue(UUID subject, List<String> roles) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(jwt.issuer())
                .audience(List.of(jwt.audience()))
                .subject(subject.toString())
                .claim(RolesClaimConverter.ROLES_CLAIM, roles)
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(expiresAt)
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).keyId(keys.active().getKeyID()).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new IssuedAccessToken(token, ttl.toSeconds());
    }

    public record IssuedAccessToken(String value, long expiresInSeconds) {
    }
}
