package com.fruitfulplanet.platform.problem;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Domain errors every service raises the same way: throw (or signal) the returned exception and
 * {@link PlatformExceptionHandler} answers with its problem. Types are {@code urn:fruitfulplanet:problem:<slug>}.
 */
public final class Problems {

    private Problems() {
    }

    public static ErrorResponseException problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail body = ProblemResponses.problem(status, detail);
        body.setType(URI.create(ProblemResponses.TYPE_PREFIX + type));
        body.setTitle(title);
        return new ErrorResponseException(status, body, null);
    }

    /** "Not found", also for what exists but the caller may not see (API.md's rule for other users' resources). */
    public static ErrorResponseException notFound(String what) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not Found", "No such " + what + ".");
    }

    public static ErrorResponseException conflict(String type, String title, String detail) {
        return problem(HttpStatus.CONFLICT, type, title, detail);
    }

    /** The same shape as a bean-validation failure, for rules checked in code. */
    public static ErrorResponseException invalidField(String field, String message) {
        return invalidFields(List.of(new FieldError(field, message)));
    }

    public static ErrorResponseException invalidFields(List<FieldError> errors) {
        ProblemDetail body = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        body.setType(URI.create(ProblemResponses.TYPE_PREFIX + "validation-failed"));
        body.setTitle("Validation failed");
        body.setProperty("errors", List.copyOf(errors));
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, body, null);
    }
}
