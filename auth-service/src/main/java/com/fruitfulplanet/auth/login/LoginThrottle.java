package com.fruitfulplanet.auth.login;

import com.fruitfulplanet.auth.config.AuthProperties;
import com.fruitfulplanet.auth.web.Sha256;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Throttles failed logins in Redis, per account and per client address (see {@link AuthProperties.LoginThrottle}).
 *
 * <p>The account key is a hash of the email as typed, whether or not such an account exists, so a locked answer
 * says nothing about existence. A lock only delays: it never lasts longer than {@code max-delay}, so an attacker
 * cannot keep the owner out, and a successful login clears the account's count.
 *
 * <p>When Redis cannot answer within {@code redis-timeout} logins go on unthrottled (and a counter says so):
 * refusing every login because a cache is down would lock out everyone, which is the attack's goal.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    /** Remaining lock in milliseconds of the account key and the address key, the larger wins. */
    private static final RedisScript<Long> LOCKED_FOR = RedisScript.of("""
            local account = redis.call('PTTL', KEYS[1])
            local address = redis.call('PTTL', KEYS[2])
            return math.max(account, address, 0)
            """, Long.class);

    /**
     * Counts a failure. KEYS: account count, account lock, address count, address lock. ARGV: free failures,
     * max delay ms, window ms, address max failures, address window ms. Returns the lock now in force (ms).
     */
    private static final RedisScript<Long> FAILED = RedisScript.of("""
            local failures = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            local lock = 0
            local over = failures - tonumber(ARGV[1])
            if over > 0 then
              lock = math.min(1000 * 2 ^ (over - 1), tonumber(ARGV[2]))
              redis.call('SET', KEYS[2], '1', 'PX', math.floor(lock))
            end
            local fromAddress = redis.call('INCR', KEYS[3])
            if fromAddress == 1 then
              redis.call('PEXPIRE', KEYS[3], ARGV[5])
            end
            if fromAddress >= tonumber(ARGV[4]) then
              local rest = redis.call('PTTL', KEYS[3])
              if rest > 0 then
                redis.call('SET', KEYS[4], '1', 'PX', rest)
                lock = math.max(lock, rest)
              end
            end
            return math.floor(lock)
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final AuthProperties.LoginThrottle settings;
    private final Counter unavailable;
    private final Counter locked;

    public LoginThrottle(ReactiveStringRedisTemplate redis, AuthProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.settings = properties.loginThrottle();
        this.unavailable = Counter.builder("auth.login.throttle.unavailable")
                .description("Login throttle checks skipped because Redis did not answer").register(meters);
        this.locked = Counter.builder("auth.login.throttle.refused")
                .description("Login attempts refused while an account or address was locked").register(meters);
    }

    /** How long the caller must wait before trying this account from this address; zero when it may try now. */
    public Mono<Duration> lockedFor(String email, String address) {
        return redis.execute(LOCKED_FOR, List.of(lockKey(account(email)), lockKey(address(address))))
                .next()
                .map(Duration::ofMillis)
                .doOnNext(wait -> {
                    if (!wait.isZero()) {
                        locked.increment();
                    }
                })
                .timeout(settings.redisTimeout())
                .onErrorResume(this::unavailable);
    }

    public Mono<Void> failed(String email, String address) {
        String account = account(email);
        String from = address(address);
        return redis.execute(FAILED,
                        List.of(countKey(account), lockKey(account), countKey(from), lockKey(from)),
                        List.of(Integer.toString(settings.freeFailures()), Long.toString(settings.maxDelay().toMillis()),
                                Long.toString(settings.window().toMillis()), Integer.toString(settings.ipMaxFailures()),
                                Long.toString(settings.ipWindow().toMillis())))
                .then()
                .timeout(settings.redisTimeout())
                .onErrorResume(failure -> unavailable(failure).then());
    }

    /** The owner got in: their account's count starts over (the address's does not). */
    public Mono<Void> succeeded(String email) {
        String account = account(email);
        return redis.delete(countKey(account), lockKey(account)).then()
                .timeout(settings.redisTimeout())
                .onErrorResume(failure -> unavailable(failure).then());
    }

    private Mono<Duration> unavailable(Throwable failure) {
        unavailable.increment();
        log.warn("Login throttle unavailable, letting the attempt through: {}", failure.toString());
        return Mono.just(Duration.ZERO);
    }

    private static String account(String email) {
        String normalised = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return "account:" + HexFormat.of().formatHex(Sha256.of(normalised));
    }

    private static String address(String address) {
        return "address:" + (address == null ? "unknown" : address);
    }

    private static String countKey(String subject) {
        return "auth:login:failures:" + subject;
    }

    private static String lockKey(String subject) {
        return "auth:login:lock:" + subject;
    }

}
