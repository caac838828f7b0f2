package io.airlock.internal.observe;

import java.util.Objects;

/**
 * Holds the application's {@link DispatchObserver}: {@link DispatchObserver#NONE} until the CDI extension installs
 * one at deployment, and again after shutdown.
 */
public final class Observation {

    private static volatile DispatchObserver observer = DispatchObserver.NONE;

    private Observation() {
    }

    public static DispatchObserver observer() {
        return observer;
    }

    public static void install(DispatchObserver installed) {
        observer = Objects.requireNonNull(installed, "observer");
    }

    public static void uninstall() {
        DispatchObserver was = observer;
        observer = DispatchObserver.NONE;
        was.uninstalled();
    }
}
