package io.airlock.internal.otel;

import io.airlock.internal.observe.DispatchObserver;
import io.airlock.store.DurableIntents;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.function.Supplier;

/**
 * The observer of an application whose server provides OpenTelemetry. The CDI extension calls it only after
 * checking that the OpenTelemetry API is loadable, so an application without it never loads this class.
 */
public final class OpenTelemetryActivation {

    private OpenTelemetryActivation() {
    }

    /**
     * An observer on the application's {@link OpenTelemetry} bean, or null when no such bean is resolvable or it is
     * {@link OpenTelemetry#noop()} (its tracer and meter providers the API's no-ops: telemetry turned off); with the
     * durable store's gauges when {@code store} gives a store.
     */
    public static DispatchObserver observer(BeanManager beanManager, Supplier<DurableIntents> store) {
        Instance<OpenTelemetry> bean = beanManager.createInstance().select(OpenTelemetry.class);
        if (!bean.isResolvable()) {
            return null;
        }
        OpenTelemetry openTelemetry = bean.get();
        if (openTelemetry.getTracerProvider() == TracerProvider.noop() && openTelemetry.getMeterProvider() == MeterProvider.noop()) {
            return null;   // telemetry turned off (OpenTelemetry.noop()): the engine keeps its empty observer
        }
        AutoCloseable gauges = StoreGauges.register(openTelemetry, store);
        try {
            return new OpenTelemetryObserver(openTelemetry, gauges);
        } catch (RuntimeException | LinkageError broken) {
            // no observer, so nothing would unregister them at undeployment: the SDK would go on reading the store
            try {
                gauges.close();
            } catch (Exception unclosable) {
                broken.addSuppressed(unclosable);
            }
            throw broken;
        }
    }
}
