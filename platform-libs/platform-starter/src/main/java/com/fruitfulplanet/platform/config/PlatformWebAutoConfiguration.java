package com.fruitfulplanet.platform.config;

import com.fruitfulplanet.platform.problem.PlatformExceptionHandler;
import com.fruitfulplanet.platform.problem.ProblemResponses;
import com.fruitfulplanet.platform.problem.TraceIds;
import com.fruitfulplanet.platform.web.RequestIdWebFilter;
import com.fruitfulplanet.platform.web.RequestSizeLimitWebFilter;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.util.unit.DataSize;

/** Problem details for every error, request ids and the request-size guard, for every reactive service. */
@AutoConfiguration(before = {WebFluxAutoConfiguration.class, ErrorWebFluxAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class PlatformWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TraceIds traceIds(ObjectProvider<Tracer> tracer) {
        return new TraceIds(tracer);
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemResponses problemResponses(ServerCodecConfigurer codecs, TraceIds traceIds) {
        return new ProblemResponses(codecs, traceIds);
    }

    @Bean
    PlatformExceptionHandler platformExceptionHandler(ProblemResponses problems, MessageSource messageSource) {
        return new PlatformExceptionHandler(problems, messageSource);
    }

    @Bean
    RequestIdWebFilter requestIdWebFilter() {
        return new RequestIdWebFilter();
    }

    @Bean
    RequestSizeLimitWebFilter requestSizeLimitWebFilter(ProblemResponses problems,
            @Value("${fruitfulplanet.web.max-request-size}") DataSize maxRequestSize) {
        return new RequestSizeLimitWebFilter(problems, maxRequestSize);
    }
}
