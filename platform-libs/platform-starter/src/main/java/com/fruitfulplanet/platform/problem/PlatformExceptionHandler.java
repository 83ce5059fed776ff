package com.fruitfulplanet.platform.problem;

import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.BindingResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Turns every exception that reaches the web layer into an RFC 9457 problem, for annotated controllers, functional
 * routes and requests that matched no route alike. It runs before Spring Boot's own error handler, so no client ever
 * sees an HTML page, a stack trace or the message of an unexpected exception.
 */
@Order(-2)
public class PlatformExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PlatformExceptionHandler.class);

    private final ProblemResponses problems;
    private final MessageSource messageSource;

    public PlatformExceptionHandler(ProblemResponses problems, MessageSource messageSource) {
        this.problems = problems;
        this.messageSource = messageSource;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        if (ex instanceof ErrorResponse response) {
            // e.g. Retry-After on a 429 or 503, Allow on a 405: part of the answer, not decoration.
            response.getHeaders().forEach((name, values) -> exchange.getResponse().getHeaders().put(name, values));
        }
        return problems.write(exchange, toProblem(exchange, ex));
    }

    ProblemDetail toProblem(ServerWebExchange exchange, Throwable ex) {
        if (causedBy(ex, DataBufferLimitException.class)) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than this endpoint accepts.");
        }
        if (ex instanceof WebExchangeBindException bind) {
            return validation(fieldErrors(bind.getBindingResult()));
        }
        if (ex instanceof HandlerMethodValidationException validation) {
            return validation(validation.getParameterValidationResults().stream()
                    .flatMap(result -> result.getResolvableErrors().stream()
                            .map(error -> new FieldError(result.getMethodParameter().getParameterName(),
                                    messageSource.getMessage(error, exchange.getLocaleContext().getLocale()))))
                    .toList());
        }
        if (ex instanceof ServerWebInputException input && causedBy(input, DecodingException.class)) {
            return problem(HttpStatus.BAD_REQUEST, "The request body is not valid JSON for this endpoint.");
        }
        if (ex instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            ProblemDetail body = response.updateAndGetBody(messageSource, exchange.getLocaleContext().getLocale());
            return copyOf(body, response.getStatusCode());
        }
        if (ex instanceof ErrorResponse response && response.getStatusCode().value() == 503
                || causedBy(ex, java.net.ConnectException.class)) {
            log.warn("Dependency unavailable on {}: {}", exchange.getRequest().getPath(), ex.toString());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "A service this request needs is unavailable. Try again later.");
        }
        if (ex instanceof ErrorResponse response && response.getStatusCode().value() == 504
                || causedBy(ex, java.util.concurrent.TimeoutException.class)
                || causedBy(ex, io.netty.handler.timeout.TimeoutException.class)) {
            log.warn("Timed out on {}: {}", exchange.getRequest().getPath(), ex.toString());
            return problem(HttpStatus.GATEWAY_TIMEOUT, "A service this request needs did not answer in time.");
        }
        if (causedBy(ex, reactor.netty.channel.AbortedException.class)) {
            // The client (or the gateway, giving up on a slow answer) closed the connection: nothing is wrong here,
            // and nobody will read this answer. Not an ERROR, or overload would bury real ones.
            log.debug("Client went away during {} {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), ex.toString());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "The connection closed before the answer was ready.");
        }
        log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred. Quote the traceId when reporting it.");
    }

    private static ProblemDetail validation(List<FieldError> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        problem.setTitle("Validation failed");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static List<FieldError> fieldErrors(BindingResult result) {
        return result.getAllErrors().stream()
                .map(error -> new FieldError(
                        error instanceof org.springframework.validation.FieldError field ? field.getField()
                                : error.getObjectName(),
                        error.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
    }

    /** Client errors keep Spring's wording, which names the problem (e.g. the unsupported media type). */
    private static ProblemDetail copyOf(ProblemDetail body, HttpStatusCode status) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(body.getType());
        problem.setTitle(body.getTitle());
        problem.setDetail(body.getDetail());
        if (body.getProperties() != null) {
            body.getProperties().forEach(problem::setProperty);
        }
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemResponses.problem(status, detail);
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
