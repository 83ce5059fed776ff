package com.fruitfulplanet.auth.web;

import com.fruitfulplanet.platform.problem.Problems;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The problems auth-service answers with; each {@code type} is listed in docs/auth.md. */
public final class AuthProblems {

    private AuthProblems() {
    }

    public static ErrorResponseException duplicateEmail() {
        return problem(HttpStatus.CONFLICT, "duplicate-email", "Duplicate email",
                "An account with this email already exists.");
    }

    /** Wrong email, wrong password, unknown email, deleted account: one answer, so nobody learns which. */
    public static ErrorResponseException invalidCredentials() {
        return problem(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials",
                "The email or password is wrong.");
    }

    /** Only after a correct password: the caller already proved they know it. */
    public static ErrorResponseException mfaRequired() {
        return problem(HttpStatus.UNAUTHORIZED, "mfa-required", "One-time code required",
                "This account uses two-factor authentication: send the current code from your app as 'totp'.");
    }

    public static ErrorResponseException invalidRefreshToken() {
        return problem(HttpStatus.UNAUTHORIZED, "invalid-refresh-token", "Invalid refresh token",
                "The refresh token is unknown, expired or already used. Log in again.");
    }

    public static ErrorResponseException tooManyAttempts(Duration retryAfter) {
        ErrorResponseException problem = problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-login-attempts",
                "Too many login attempts", "Too many failed attempts. Try again in " + seconds(retryAfter) + " s.");
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(retryAfter)));
        return problem;
    }

    public static ErrorResponseException busy() {
        ErrorResponseException problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "Service Unavailable", "Too many sign-ins at once. Try again in a moment.");
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return problem;
    }

    public static ErrorResponseException notFound(String what) {
        return Problems.notFound(what);
    }

    public static ErrorResponseException conflict(String type, String title, String detail) {
        return Problems.conflict(type, title, detail);
    }

    public static ErrorResponseException invalidField(String field, String message) {
        return Problems.invalidField(field, message);
    }

    private static ErrorResponseException problem(HttpStatus status, String type, String title, String detail) {
        return Problems.problem(status, type, title, detail);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
