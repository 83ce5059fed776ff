package com.fruitfulplanet.gateway.ratelimit;

import com.fruitfulplanet.gateway.ratelimit.RateLimitProperties.Limit;

/**
 * One client's budget under one rule.
 *
 * @param rule  the rule's name ({@code default}, {@code auth}, ...), a metric tag
 * @param key   the client within the rule, e.g. {@code user:<sub>} or {@code ip:203.0.113.7}
 * @param limit the budget
 */
record Bucket(String rule, String key, Limit limit) {

    /** The Redis key: one per rule and client. */
    String redisKey() {
        return "fp:gateway:rate-limit:" + rule + ":" + key;
    }
}
