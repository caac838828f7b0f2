package io.airlock.telemetry;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.internal.observe.DispatchObserver;
import io.airlock.internal.observe.Observation;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The OpenTelemetry API on the class path is not enough: without an {@code OpenTelemetry} bean nothing is observed. */
class NoOpenTelemetryBeanTest {

    @Test
    void withoutAnOpenTelemetryBeanTheObserverIsTheNoOp() {
        try (WeldContainer container = AirlockWeld.weld().initialize()) {
            assertSame(DispatchObserver.NONE, Observation.observer());
        }
    }

    @Test
    void shutdownUninstallsTheObserver() {
        try (WeldContainer container = AirlockWeld.weld(Telemetry.class).initialize()) {
            assertNotSame(DispatchObserver.NONE, Observation.observer());
        }
        assertSame(DispatchObserver.NONE, Observation.observer());
    }
}
