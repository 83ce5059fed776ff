package com.fruitfulplanet.platform.openapi;

import io.swagger.v3.oas.models.media.StringSchema;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Every service serves its OpenAPI document at {@code /v3/api-docs} on its API port (springdoc; no Swagger UI, which
 * only the gateway serves, over the aggregated document), shaped by {@link PlatformOpenApiCustomizer}.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OpenApiProperties.class)
public class OpenApiAutoConfiguration {

    static {
        // The JSON conventions (contracts' JsonConventions) write every BigDecimal as a decimal string and a
        // Currency as its ISO code; without this the documents would promise a number and an object.
        SpringDocUtils.getConfig()
                .replaceWithSchema(BigDecimal.class, new StringSchema().format("decimal").example("1234.50"))
                .replaceWithSchema(Currency.class, new StringSchema().pattern("^[A-Z]{3}$").example("RUB"));
    }

    @Bean
    PlatformOpenApiCustomizer platformOpenApiCustomizer(Environment environment, OpenApiProperties properties,
            ObjectProvider<BuildProperties> buildProperties) {
        String application = environment.getProperty("spring.application.name", "application");
        List<String> publicPaths = Binder.get(environment)
                .bind("fruitfulplanet.security.public-paths", Bindable.listOf(String.class))
                .orElse(List.of());
        return new PlatformOpenApiCustomizer("FruitfulPlanet " + application,
                version(environment, buildProperties.getIfAvailable()), properties.publicUrl(), publicPaths);
    }

    /**
     * The build's version (when the service generates build info), else the version in the application jar's
     * manifest (Spring Boot's {@code spring.application.version}), else that of this starter, which every module of
     * the platform shares.
     */
    static String version(Environment environment, BuildProperties buildProperties) {
        if (buildProperties != null && StringUtils.hasText(buildProperties.getVersion())) {
            return buildProperties.getVersion();
        }
        String application = environment.getProperty("spring.application.version");
        if (StringUtils.hasText(application)) {
            return application;
        }
        String starter = OpenApiAutoConfiguration.class.getPackage().getImplementationVersion();
        return StringUtils.hasText(starter) ? starter : "development";
    }
}
