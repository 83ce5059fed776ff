package com.fruitfulplanet.platform.openapi;

/**
 * The error answers any operation of the platform can give, each an RFC 9457 problem, documented once as a shared
 * response ({@code #/components/responses/<name>}) and referenced from every operation that does not document that
 * status itself. 401 and 403 are left off operations that need no token.
 */
public enum StandardError {

    BAD_REQUEST(400, "BadRequest", "The request is invalid: malformed JSON, or fields that failed validation "
            + "(listed in `errors`).", false),
    UNAUTHORIZED(401, "Unauthorized", "No valid access token: it is missing, malformed or expired.", true),
    FORBIDDEN(403, "Forbidden", "The token is valid but its roles do not allow this.", true),
    NOT_FOUND(404, "NotFound", "No such resource, or it is not yours (the API does not reveal which).", false),
    CONFLICT(409, "Conflict", "The resource changed or exists already (stale version, duplicate, a request with "
            + "the same Idempotency-Key still running).", false),
    TOO_MANY_REQUESTS(429, "TooManyRequests", "Rate limit exceeded; retry after the number of seconds in "
            + "`Retry-After`.", false),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable", "A service this request needs is unavailable; try again later.",
            false);

    private final int status;
    private final String responseName;
    private final String description;
    private final boolean onlyWhenAuthenticated;

    StandardError(int status, String responseName, String description, boolean onlyWhenAuthenticated) {
        this.status = status;
        this.responseName = responseName;
        this.description = description;
        this.onlyWhenAuthenticated = onlyWhenAuthenticated;
    }

    public String statusCode() {
        return String.valueOf(status);
    }

    /** Name under {@code components.responses}. */
    public String responseName() {
        return responseName;
    }

    public String description() {
        return description;
    }

    /** Whether only an operation that requires a token can answer this (401, 403). */
    public boolean onlyWhenAuthenticated() {
        return onlyWhenAuthenticated;
    }
}
