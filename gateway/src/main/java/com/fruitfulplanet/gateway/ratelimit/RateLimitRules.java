package com.fruitfulplanet.gateway.ratelimit;

import com.fruitfulplanet.gateway.ratelimit.RateLimitProperties.Limit;
import com.fruitfulplanet.gateway.ratelimit.RateLimitProperties.Per;
import com.fruitfulplanet.gateway.ratelimit.RateLimitProperties.Rule;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** Which rule a request falls under: the first configured rule that matches it, else the default limit. */
final class RateLimitRules {

    static final String DEFAULT_RULE = "default";

    /** A rule, ready to match. */
    record Matched(String name, Limit limit, Per per) {
    }

    private record Compiled(Set<HttpMethod> methods, List<PathPattern> paths, Matched rule) {

        boolean matches(ServerHttpRequest request) {
            PathContainer path = request.getPath().pathWithinApplication();
            return (methods.isEmpty() || methods.contains(request.getMethod()))
                    && paths.stream().anyMatch(pattern -> pattern.matches(path));
        }
    }

    private final List<Compiled> rules;
    private final Matched fallback;

    RateLimitRules(RateLimitProperties properties) {
        this.rules = properties.rules().stream().map(RateLimitRules::compile).toList();
        this.fallback = new Matched(DEFAULT_RULE, properties.defaultLimit(), Per.CLIENT);
    }

    Matched of(ServerHttpRequest request) {
        return rules.stream().filter(rule -> rule.matches(request)).map(Compiled::rule).findFirst().orElse(fallback);
    }

    private static Compiled compile(Rule rule) {
        return new Compiled(Set.copyOf(rule.methods()),
                rule.paths().stream().map(PathPatternParser.defaultInstance::parse).toList(),
                new Matched(rule.name(), rule.limit(), rule.per()));
    }
}
