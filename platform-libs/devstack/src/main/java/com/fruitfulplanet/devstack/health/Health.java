package com.fruitfulplanet.devstack.health;

/**
 * One answer of a readiness endpoint.
 *
 * @param statusCode the HTTP status, or {@link #UNREACHABLE} when nothing answered
 * @param body       the response body, for diagnosis when not ready
 */
public record Health(int statusCode, String body) {

    public static final int UNREACHABLE = -1;

    public static Health unreachable() {
        return new Health(UNREACHABLE, "");
    }

    public boolean isReady() {
        return statusCode == 200;
    }

    public String describe() {
        return switch (statusCode) {
            case 200 -> "ready";
            case UNREACHABLE -> "down";
            default -> "not ready (HTTP " + statusCode + ")";
        };
    }
}
