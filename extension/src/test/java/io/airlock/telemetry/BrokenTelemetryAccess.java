package io.airlock.telemetry;

/** {@link BrokenTelemetry} for tests of other packages. */
public final class BrokenTelemetryAccess {

    private BrokenTelemetryAccess() {
    }

    public static Class<?> bean() {
        return BrokenTelemetry.class;
    }

    public static void breakOn(String phase) {
        BrokenTelemetry.breakOn(phase);
    }
}
