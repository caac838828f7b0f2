package io.airlock.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The real OpenTelemetry SDK with in-memory exporters, as a CDI bean (a singleton: tests read its fields, no proxy) the way MicroProfile Telemetry provides
 * {@link OpenTelemetry}: spans and metrics stay in this JVM for the test to read.
 */
@Singleton
public class Telemetry {

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    @Produces
    @Singleton
    OpenTelemetry openTelemetry() {
        return sdk;
    }

    public io.opentelemetry.api.trace.Tracer tracer() {
        return sdk.getTracer("test");
    }

    public List<SpanData> spans() {
        return spans.getFinishedSpanItems();
    }

    /** The one finished span with this name. */
    public SpanData span(String name) {
        List<SpanData> found = spans().stream().filter(s -> s.getName().equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one span '" + name + "', got " + found.size() + " among " + spans().stream().map(SpanData::getName).toList());
        }
        return found.get(0);
    }

    /** The sum of a counter over the points whose attributes include {@code where}. */
    public long count(String metric, Map<String, String> where) {
        long sum = 0;
        for (MetricData data : metrics.collectAllMetrics()) {
            if (!data.getName().equals(metric)) {
                continue;
            }
            for (LongPointData point : data.getLongSumData().getPoints()) {
                boolean matches = where.entrySet().stream()
                        .allMatch(e -> Objects.equals(point.getAttributes().get(AttributeKey.stringKey(e.getKey())), e.getValue()));
                if (matches) {
                    sum += point.getValue();
                }
            }
        }
        return sum;
    }

    /** The last value of a double gauge. */
    public double gauge(String metric) {
        return metrics.collectAllMetrics().stream().filter(d -> d.getName().equals(metric))
                .flatMap(d -> d.getDoubleGaugeData().getPoints().stream()).mapToDouble(p -> p.getValue()).findFirst().orElse(Double.NaN);
    }

    /** How many values a histogram recorded. */
    public long recorded(String metric) {
        return metrics.collectAllMetrics().stream().filter(d -> d.getName().equals(metric))
                .flatMap(d -> d.getHistogramData().getPoints().stream()).mapToLong(p -> p.getCount()).sum();
    }

    public void reset() {
        spans.reset();
    }
}
