package com.fruitfulplanet.platform.problem;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * Finds the trace id of the request being handled, so that an error a client reports can be found in the logs and
 * the tracing backend. The request's own observation is the reliable source in a reactive pipeline; the tracer's
 * current span is the fallback.
 */
public class TraceIds {

    private final ObjectProvider<Tracer> tracer;

    public TraceIds(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    public Optional<String> of(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(TraceIds::spanOf)
                .or(() -> Optional.ofNullable(tracer.getIfAvailable()).map(Tracer::currentSpan))
                .map(span -> span.context().traceId())
                .filter(id -> !id.isBlank());
    }

    private static Span spanOf(ServerRequestObservationContext observation) {
        TracingObservationHandler.TracingContext tracing =
                observation.get(TracingObservationHandler.TracingContext.class);
        return tracing == null ? null : tracing.getSpan();
    }
}
