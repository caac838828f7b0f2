package io.airlock.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.internal.observe.DispatchObserver;
import io.airlock.internal.observe.Observation;
import io.airlock.internal.otel.OpenTelemetryObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** Which {@code OpenTelemetry} bean gets airlock's observer, and which leaves the engine its empty one. */
class TelemetryActivationTest {

    @ApplicationScoped
    public static class Tasks {
        @Inject
        Recorder recorder;

        public void record(String label) {
            recorder.record(label);
        }
    }

    /** What a server gives an application whose telemetry is turned off, when it gives the API's no-op. */
    public static class Noop {
        @Produces
        @Singleton
        OpenTelemetry openTelemetry() {
            return OpenTelemetry.noop();
        }
    }

    /** A server's OpenTelemetry that cannot be created. */
    public static class Failing {
        @Produces
        @ApplicationScoped
        OpenTelemetry openTelemetry() {
            throw new IllegalStateException("the exporter's endpoint is malformed");
        }
    }

    /** What the SDK's autoconfiguration gives with otel.sdk.disabled=true: an SDK without processors or readers. */
    public static class Disabled {
        @Produces
        @Singleton
        OpenTelemetry openTelemetry() {
            return OpenTelemetrySdk.builder().build();
        }
    }

    @Test
    void theNoOpOpenTelemetryLeavesTheEmptyObserver() {
        try (WeldContainer container = AirlockWeld.weld(Noop.class, Tasks.class).initialize()) {
            assertSame(DispatchObserver.NONE, Observation.observer());
            dispatches(container);
        }
    }

    @Test
    void anOpenTelemetryBeanThatFailsLeavesTheEmptyObserverAndTheApplicationDeploys() {
        try (WeldContainer container = AirlockWeld.weld(Failing.class, Tasks.class).initialize()) {
            assertSame(DispatchObserver.NONE, Observation.observer());
            dispatches(container);
        }
    }

    /** observability.md, "What it costs": a disabled SDK is not the API's no-op, and airlock cannot tell it from one that exports. */
    @Test
    void aDisabledSdkStillGetsTheObserver() {
        try (WeldContainer container = AirlockWeld.weld(Disabled.class, Tasks.class).initialize()) {
            assertInstanceOf(OpenTelemetryObserver.class, Observation.observer());
            dispatches(container);
        }
    }

    /**
     * observability.md: without an {@code OpenTelemetry} bean "no airlock class that names OpenTelemetry is loaded",
     * with the API on the class path. In a JVM of its own, since the other tests of this one load them.
     */
    @Test
    void withoutAnOpenTelemetryBeanNoClassThatNamesOpenTelemetryIsLoaded() throws Exception {
        Process child = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), NoBeanApplication.class.getName()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), output);
        assertTrue(output.contains("dispatched [a]"), output);
        assertTrue(output.contains("loaded []"), output);
    }

    private static void dispatches(WeldContainer container) {
        Airlock airlock = container.select(Airlock.class).get();
        airlock.run(() -> airlock.enqueue(Tasks::record, "a"));
        assertEquals(List.of("a"), container.select(Recorder.class).get().calls());
    }
}
