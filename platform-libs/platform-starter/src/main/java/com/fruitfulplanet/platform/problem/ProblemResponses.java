package com.fruitfulplanet.platform.problem;

import java.util.Map;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes an RFC 9457 problem as {@code application/problem+json}, with the request path as {@code instance} and the
 * {@code traceId}. Every error response of the platform goes through here: exception handling, the request-size
 * guard and the security entry points.
 */
public class ProblemResponses {

    private static final ResolvableType PROBLEM_TYPE = ResolvableType.forClass(ProblemDetail.class);

    private final HttpMessageWriter<ProblemDetail> writer;
    private final TraceIds traceIds;

    @SuppressWarnings("unchecked")
    public ProblemResponses(ServerCodecConfigurer codecs, TraceIds traceIds) {
        this.writer = (HttpMessageWriter<ProblemDetail>) codecs.getWriters().stream()
                .filter(w -> w.canWrite(PROBLEM_TYPE, MediaType.APPLICATION_PROBLEM_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No JSON encoder for problem details"));
        this.traceIds = traceIds;
    }

    /** Problem types are URNs: stable identifiers clients can switch on, listed in docs/errors.md. */
    public static final String TYPE_PREFIX = "urn:fruitfulplanet:problem:";

    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(java.net.URI.create(TYPE_PREFIX + slug(problem)));
        }
        if (problem.getInstance() == null) {
            problem.setInstance(java.net.URI.create(exchange.getRequest().getPath().value()));
        }
        traceIds.of(exchange).ifPresent(traceId -> problem.setProperty("traceId", traceId));

        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setCacheControl("no-store");
        return writer.write(Mono.just(problem), PROBLEM_TYPE, MediaType.APPLICATION_PROBLEM_JSON, response, Map.of());
    }

    /** A problem with the status's reason phrase as its title: the common case. */
    public static ProblemDetail problem(org.springframework.http.HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    /** "Validation failed" becomes "validation-failed"; a problem without a title is named by its status. */
    private static String slug(ProblemDetail problem) {
        String title = problem.getTitle() != null ? problem.getTitle()
                : java.util.Optional.ofNullable(org.springframework.http.HttpStatus.resolve(problem.getStatus()))
                        .map(org.springframework.http.HttpStatus::getReasonPhrase).orElse("http-" + problem.getStatus());
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
