package com.fruitfulplanet.platform.security;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every service (and the gateway) checks access tokens ({@code fruitfulplanet.security.jwt.*}).
 *
 * @param jwkSetUri       where auth-service publishes its public signing keys
 * @param issuer          the {@code iss} every token must carry
 * @param audience        the {@code aud} every token must contain
 * @param cacheTtl        how long fetched keys are trusted before they are fetched again (so a withdrawn key stops
 *                        working within this time)
 * @param refreshCooldown the shortest time between two fetches caused by tokens with an unknown {@code kid}: a new
 *                        key is picked up at once, but a flood of made-up key ids cannot turn every request into a
 *                        call to auth-service
 * @param fetchTimeout    how long one fetch of the key set may take
 * @param staleKeysMaxAge how long the last fetched keys still serve while auth-service cannot be reached
 * @param clockSkew       tolerated clock difference for {@code exp} and {@code nbf}
 */
@ConfigurationProperties("fruitfulplanet.security.jwt")
public record PlatformJwtProperties(
        @DefaultValue("http://127.0.0.1:8081/.well-known/jwks.json") URI jwkSetUri,
        @DefaultValue(ISSUER) String issuer,
        @DefaultValue(AUDIENCE) String audience,
        @DefaultValue("5m") Duration cacheTtl,
        @DefaultValue("5s") Duration refreshCooldown,
        @DefaultValue("2s") Duration fetchTimeout,
        @DefaultValue("1h") Duration staleKeysMaxAge,
        @DefaultValue("30s") Duration clockSkew) {

    /** The issuer auth-service signs with unless configured otherwise. */
    public static final String ISSUER = "urn:fruitfulplanet:auth-service";
    /** The audience of access tokens for the platform's API. */
    public static final String AUDIENCE = "fruitfulplanet-api";
}
