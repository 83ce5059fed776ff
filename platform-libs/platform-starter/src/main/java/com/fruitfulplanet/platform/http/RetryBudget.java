package com.fruitfulplanet.platform.http;

/**
 * Caps retries at a fraction of the calls made, so that retries cannot multiply the load on a dependency that is
 * already struggling (the "retry storm"). Every call deposits {@code ratio} of a token, every retry withdraws one;
 * a small reserve lets a quiet client still retry now and then.
 */
public final class RetryBudget {

    private final double ratio;
    private final double maxTokens;
    private double tokens;

    /**
     * @param ratio     retries allowed per call over time, e.g. 0.2 = at most one retry per five calls
     * @param maxTokens the most retries that can be saved up for a burst of failures
     */
    public RetryBudget(double ratio, double maxTokens) {
        if (ratio <= 0 || ratio > 1 || maxTokens < 1) {
            throw new IllegalArgumentException("ratio must be in (0, 1] and maxTokens >= 1");
        }
        this.ratio = ratio;
        this.maxTokens = maxTokens;
        this.tokens = maxTokens;
    }

    public synchronized void recordCall() {
        tokens = Math.min(maxTokens, tokens + ratio);
    }

    /** Takes one retry from the budget; false when it is spent. */
    public synchronized boolean tryRetry() {
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
