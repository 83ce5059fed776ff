package com.fruitfulplanet.platform.events;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.fruitfulplanet.contracts.events.EventEnvelope;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The W3C {@code traceparent} of the span in scope, so that an event published later by the relay still carries
 * the trace of the request that caused it. Null when tracing is off or no span is in scope.
 */
public final class CurrentTraceparent implements Supplier<String> {

    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    public CurrentTraceparent(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public String get() {
        Tracer currentTracer = tracer.getIfAvailable();
        Propagator currentPropagator = propagator.getIfAvailable();
        if (currentTracer == null || currentPropagator == null) {
            return null;
        }
        Span span = currentTracer.currentSpan();
        // An unsampled span still has a trace id to pass on (with sampled=0), so it is not skipped.
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        currentPropagator.inject(span.context(), carrier, Map::put);
        return carrier.get(EventEnvelope.TRACEPARENT_HEADER);
    }
}
