package com.fruitfulplanet.platform.openapi;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code fruitfulplanet.openapi.*}: where clients reach the API. Every document names the gateway as its server,
 * because clients never call a service directly; "Try it out" in the Swagger UI then goes through the gateway too.
 *
 * @param publicUrl the gateway's public base URL
 */
@ConfigurationProperties("fruitfulplanet.openapi")
public record OpenApiProperties(@DefaultValue("http://localhost:8080") URI publicUrl) {
}
