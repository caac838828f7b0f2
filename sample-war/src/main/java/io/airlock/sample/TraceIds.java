package io.airlock.sample;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The trace id of the current OpenTelemetry span, shown next to each effect: the trace the request started and
 * airlock continued through the broker and the durable store (docs/observability.md). None where the server has no
 * MicroProfile Telemetry, or has it turned off (its spans are then invalid).
 */
final class TraceIds {

    private static final boolean API = present();

    private TraceIds() {
    }

    /** The current trace id, or {@code null}. */
    static String current() {
        return API ? Current.traceId() : null;
    }

    private static boolean present() {
        try {
            Class.forName("io.opentelemetry.api.trace.Span", false, TraceIds.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loaded only where the OpenTelemetry API is on the class path. */
    private static final class Current {

        static String traceId() {
            SpanContext context = Span.current().getSpanContext();
            return context.isValid() ? context.getTraceId() : null;
        }
    }
}
