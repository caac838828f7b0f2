package io.airlock.telemetry;

/** An application with the OpenTelemetry API on its class path and no {@code OpenTelemetry} bean, for a JVM of its own. */
public final class NoBeanApplication {

    private NoBeanApplication() {
    }

    /** Run in a JVM of its own: boots an application without an OpenTelemetry bean, dispatches, prints airlock's telemetry classes loaded. */
    public static void main(String[] args) throws Exception {
        try (org.jboss.weld.environment.se.WeldContainer container = io.airlock.cdi.fixtures.AirlockWeld.weld(TelemetryActivationTest.Tasks.class)
                .initialize()) {
            io.airlock.Airlock airlock = container.select(io.airlock.Airlock.class).get();
            airlock.run(() -> airlock.enqueue(TelemetryActivationTest.Tasks::record, "a"));
            System.out.println("dispatched " + container.select(io.airlock.cdi.fixtures.Recorder.class).get().calls());
            System.out.println("loaded " + LoadedClasses.named("io.airlock.internal.otel."));
        }
    }
}
