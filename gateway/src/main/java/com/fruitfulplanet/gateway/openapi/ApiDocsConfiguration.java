package com.fruitfulplanet.gateway.openapi;

import com.fruitfulplanet.gateway.routing.Backend;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.properties.AbstractSwaggerUiConfigProperties.SwaggerUrl;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's part in the API documentation: the Swagger UI lists the merged document (selected first) and each
 * service's, from the service registry; springdoc's own document of the gateway covers only its health endpoints
 * ({@code springdoc.*} in application.yml).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiDocsProperties.class)
class ApiDocsConfiguration {

    /** Upper case sorts before the services' names, and the UI lists documents by name. */
    static final String MERGED_DOCUMENT_NAME = "FruitfulPlanet API (all services)";
    static final String GATEWAY_DOCUMENT_NAME = "gateway (health)";

    /** The gateway documents only its own health endpoints, which anyone may call. */
    @Bean
    OperationCustomizer gatewayEndpointsArePublic() {
        return (operation, handler) -> operation.security(new ArrayList<>());
    }

    /** Unless {@code springdoc.swagger-ui.urls} is configured explicitly. */
    @Bean
    SmartInitializingSingleton swaggerUiDocumentList(SwaggerUiConfigProperties swaggerUi,
            SpringDocConfigProperties springdoc, List<Backend> backends) {
        return () -> {
            if (swaggerUi.getUrls() != null && !swaggerUi.getUrls().isEmpty()) {
                return;
            }
            Set<SwaggerUrl> documents = new LinkedHashSet<>();
            documents.add(new SwaggerUrl(MERGED_DOCUMENT_NAME, BackendApiDocs.API_DOCS_PATH, MERGED_DOCUMENT_NAME));
            backends.forEach(backend -> documents.add(new SwaggerUrl(backend.name(),
                    BackendApiDocs.API_DOCS_PATH + "/" + backend.name(), backend.name())));
            documents.add(new SwaggerUrl(GATEWAY_DOCUMENT_NAME, springdoc.getApiDocs().getPath(),
                    GATEWAY_DOCUMENT_NAME));
            swaggerUi.setUrls(documents);
            swaggerUi.setUrlsPrimaryName(MERGED_DOCUMENT_NAME);
        };
    }
}
