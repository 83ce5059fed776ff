package com.fruitfulplanet.platform.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which paths of a service anyone may call without a token ({@code fruitfulplanet.security.public-paths}, Spring
 * path patterns). Everything else needs a valid access token: a service is closed until it says otherwise.
 */
@ConfigurationProperties("fruitfulplanet.security")
public record PlatformSecurityProperties(List<String> publicPaths) {

    public PlatformSecurityProperties {
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
