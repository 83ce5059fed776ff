package com.fruitfulplanet.platform.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.Constants;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What every service's OpenAPI document shares: the platform's title and version, the gateway as the only server,
 * bearer-token security on everything but the service's public paths, and the problem+json error answers
 * ({@link StandardError}) on every operation. A service documents its own operations (and may document an error
 * status itself, which is then left as it is); it does not repeat any of this.
 */
public class PlatformOpenApiCustomizer implements OpenApiCustomizer {

    public static final String BEARER_AUTH = "bearerAuth";
    public static final String PROBLEM_SCHEMA = "Problem";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final String title;
    private final String version;
    private final URI publicUrl;
    private final List<PathPattern> publicPaths;

    /**
     * @param publicPaths the service's {@code fruitfulplanet.security.public-paths}: the same patterns that open
     *                    those paths in the security chain mark their operations as needing no token here
     */
    public PlatformOpenApiCustomizer(String title, String version, URI publicUrl, List<String> publicPaths) {
        this.title = title;
        this.version = version;
        this.publicUrl = publicUrl;
        this.publicPaths = publicPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    /** The platform's version, as in each document's {@code info.version}. */
    public String version() {
        return version;
    }

    /** Where clients reach the API: the gateway. */
    public URI publicUrl() {
        return publicUrl;
    }

    @Override
    public void customise(OpenAPI openApi) {
        describe(openApi);
        openApi.setServers(new ArrayList<>(List.of(
                new Server().url(publicUrl.toString()).description("FruitfulPlanet gateway"))));

        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSecuritySchemes(BEARER_AUTH, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("Access token from POST /api/v1/auth/login, sent as `Authorization: Bearer <token>`."));
        if (openApi.getSecurity() == null || openApi.getSecurity().isEmpty()) {
            openApi.setSecurity(new ArrayList<>(List.of(new SecurityRequirement().addList(BEARER_AUTH))));
        }
        components.addSchemas(PROBLEM_SCHEMA, problemSchema());
        for (StandardError error : StandardError.values()) {
            components.addResponses(error.responseName(), standardResponse(error));
        }

        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((path, item) -> item.readOperations()
                    .forEach(operation -> documentErrors(path, operation)));
        }
    }

    /** Keeps a title or version a service set itself; replaces only springdoc's placeholders. */
    private void describe(OpenAPI openApi) {
        Info info = openApi.getInfo() == null ? new Info() : openApi.getInfo();
        if (info.getTitle() == null || Constants.DEFAULT_TITLE.equals(info.getTitle())) {
            info.setTitle(title);
        }
        if (info.getVersion() == null || Constants.DEFAULT_VERSION.equals(info.getVersion())) {
            info.setVersion(version);
        }
        openApi.setInfo(info);
    }

    private void documentErrors(String path, Operation operation) {
        if (operation.getSecurity() == null && isPublic(path)) {
            // An empty list overrides the document-wide bearer requirement: anyone may call this.
            operation.setSecurity(new ArrayList<>());
        }
        boolean needsToken = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        for (StandardError error : StandardError.values()) {
            if ((needsToken || !error.onlyWhenAuthenticated()) && !responses.containsKey(error.statusCode())) {
                responses.addApiResponse(error.statusCode(),
                        new ApiResponse().$ref("#/components/responses/" + error.responseName()));
            }
        }
    }

    private boolean isPublic(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return publicPaths.stream().anyMatch(pattern -> pattern.matches(container));
    }

    private static ApiResponse standardResponse(StandardError error) {
        ApiResponse response = new ApiResponse().description(error.description())
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
        if (error == StandardError.TOO_MANY_REQUESTS) {
            response.addHeaderObject("Retry-After", new Header()
                    .description("Seconds to wait before retrying.").schema(new IntegerSchema()));
        }
        return response;
    }

    /** RFC 9457 as the platform writes it (see {@code ProblemResponses} and {@code PlatformExceptionHandler}). */
    static Schema<?> problemSchema() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("The field, e.g. `email`.").example("email"))
                .addProperty("message", new StringSchema().description("Why it was rejected."))
                .required(List.of("field", "message"))
                .description("One rejected input field.");
        return new ObjectSchema()
                .addProperty("type", new StringSchema().format("uri-reference")
                        .description("Stable identifier of the kind of problem, to switch on.")
                        .example("urn:fruitfulplanet:problem:validation-failed"))
                .addProperty("title", new StringSchema().description("Short summary of the kind of problem.")
                        .example("Validation failed"))
                .addProperty("status", new IntegerSchema().description("The HTTP status code.").example(400))
                .addProperty("detail", new StringSchema().description("What went wrong with this request."))
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .description("The request path.").example("/api/v1/orders"))
                .addProperty("traceId", new StringSchema()
                        .description("Trace id of the request; quote it when reporting a problem.")
                        .example("4bf92f3577b34da6a3ce929d0e0e4736"))
                .addProperty("errors", new ArraySchema().items(fieldError)
                        .description("Only on validation failures: every rejected field."))
                .required(List.of("type", "title", "status", "instance"))
                .description("An RFC 9457 problem: every error of the platform has this shape.");
    }
}
