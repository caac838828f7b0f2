package io.airlock.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * The real SDK with a span processor, an exporter and a propagator that throw when told to: what an application's
 * or a vendor's broken telemetry does. {@link #breaking} names the phase ("start create", "end process",
 * "export send", "inject", "extract"...); null breaks nothing.
 */
@Singleton
public class BrokenTelemetry {

    static volatile String breaking;

    static void breakOn(String phase) {
        breaking = phase;
    }

    static void check(String phase, String spanName) {
        String b = breaking;
        if (b != null && (phase + " " + spanName).startsWith(b)) {
            throw new IllegalStateException("telemetry broken at " + phase + " " + spanName);
        }
    }

    final InMemoryMetricReader metrics = InMemoryMetricReader.create();

    final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(new SpanProcessor() {
                        @Override
                        public void onStart(Context parentContext, ReadWriteSpan span) {
                            check("start", span.getName());
                        }

                        @Override
                        public boolean isStartRequired() {
                            return true;
                        }

                        @Override
                        public void onEnd(ReadableSpan span) {
                            check("end", span.getName());
                        }

                        @Override
                        public boolean isEndRequired() {
                            return true;
                        }
                    })
                    .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                        @Override
                        public CompletableResultCode export(Collection<SpanData> spans) {
                            for (SpanData s : spans) {
                                check("export", s.getName());
                            }
                            return CompletableResultCode.ofSuccess();
                        }

                        @Override
                        public CompletableResultCode flush() {
                            return CompletableResultCode.ofSuccess();
                        }

                        @Override
                        public CompletableResultCode shutdown() {
                            return CompletableResultCode.ofSuccess();
                        }
                    }))
                    .build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .setPropagators(ContextPropagators.create(new TextMapPropagator() {
                @Override
                public Collection<String> fields() {
                    return W3CTraceContextPropagator.getInstance().fields();
                }

                @Override
                public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
                    check("inject", "");
                    W3CTraceContextPropagator.getInstance().inject(context, carrier, setter);
                }

                @Override
                public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
                    check("extract", "");
                    return W3CTraceContextPropagator.getInstance().extract(context, carrier, getter);
                }
            }))
            .build();

    @Produces
    @Singleton
    OpenTelemetry openTelemetry() {
        return sdk;
    }
}
