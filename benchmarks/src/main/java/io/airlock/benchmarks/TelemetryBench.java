package io.airlock.benchmarks;

import io.airlock.Airlock;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What telemetry costs per intent: in Weld SE with airlock's extension, one scope with {@value #INTENTS} intents
 * enqueued and flushed through the sync executor to the {@link Sink} bean, {@code telemetry} off (no
 * {@code OpenTelemetry} bean: airlock installs no observer) or on (the OpenTelemetry SDK as MicroProfile
 * Telemetry provides it: a batch span processor whose exporter drops the spans, and a metric reader), so each
 * intent records its create, send and process spans and its counters and histograms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class TelemetryBench {

    static final int INTENTS = 10;

    @Param({"off", "on"})
    public String telemetry;

    private WeldContainer container;
    private Airlock airlock;
    private final Long argument = 42L;

    @Setup
    public void setUp(Blackhole blackhole) {
        Sink.use(blackhole);
        Sink.tokens = 0;
        container = telemetry.equals("on") ? Containers.start(Sdk.class) : Containers.start();
        airlock = container.select(Airlock.class).get();
    }

    @TearDown
    public void tearDown() {
        container.shutdown();
    }

    @Benchmark
    public int scopeOfTenIntents() {
        io.airlock.Scope scope = airlock.scope().open();
        for (int i = 0; i < INTENTS; i++) {
            airlock.enqueue(Sink::accept, argument);
        }
        scope.exit();
        return scope.flush().size();
    }

    /** The SDK as a server's MicroProfile Telemetry provides it, exporting nowhere. */
    @Singleton
    public static class Sdk {
        final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(new Dropping()).build()).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(InMemoryMetricReader.create()).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();

        @Produces
        @Singleton
        OpenTelemetry openTelemetry() {
            return sdk;
        }
    }

    private static final class Dropping implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
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
    }
}
