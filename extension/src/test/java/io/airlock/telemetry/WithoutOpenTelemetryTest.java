package io.airlock.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.Airlock;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.internal.observe.DispatchObserver;
import io.airlock.internal.observe.Observation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * An application whose server has no OpenTelemetry: deploys and runs as without telemetry. Runs only in the
 * surefire execution {@code without-opentelemetry}, whose class path has none of the OpenTelemetry jars (the
 * first test proves it); the default execution excludes it.
 */
class WithoutOpenTelemetryTest {

    @ApplicationScoped
    public static class Tasks {
        @Inject
        Recorder recorder;

        public void record(String label) {
            recorder.record(label);
        }
    }

    @Test
    void theOpenTelemetryApiIsNotOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.opentelemetry.api.OpenTelemetry"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.opentelemetry.context.Context"));
    }

    @Test
    void theExtensionDeploysAndDispatchesWithTheNoOpObserver() {
        try (WeldContainer container = AirlockWeld.weld(Tasks.class).initialize()) {
            assertSame(DispatchObserver.NONE, Observation.observer());
            Airlock airlock = container.select(Airlock.class).get();
            airlock.run(() -> airlock.enqueue(Tasks::record, "a"));
            assertEquals(List.of("a"), container.select(Recorder.class).get().calls());
        }
        assertEquals(List.of(), LoadedClasses.named("io.airlock.internal.otel."), "no class of airlock's that names OpenTelemetry was loaded");
    }
}
