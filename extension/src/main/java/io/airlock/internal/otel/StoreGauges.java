package io.airlock.internal.otel;

import io.airlock.store.DurableIntents;
import io.airlock.store.IntentState;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gauges of the durable store, read when the metrics are collected (one count query per gauge, at the
 * exporter's interval): pending and failed intents, and the age of the oldest pending one.
 */
final class StoreGauges {

    private static final Logger LOG = Logger.getLogger("io.airlock");

    private StoreGauges() {
    }

    /** Registers the gauges; closing the result unregisters them (at undeployment: the SDK may outlive the application). */
    static AutoCloseable register(OpenTelemetry openTelemetry, Supplier<DurableIntents> store) {
        Meter meter = openTelemetry.getMeter(OpenTelemetryObserver.INSTRUMENTATION);
        Attributes system = Attributes.of(OpenTelemetryObserver.SYSTEM, OpenTelemetryObserver.SYSTEM_NAME);
        List<AutoCloseable> registered = new ArrayList<>(3);
        registered.add(meter.upDownCounterBuilder("airlock.store.pending").setUnit("{intent}").setDescription("Durable intents waiting to be dispatched")
                .buildWithCallback(m -> read(store, s -> m.record(s.count(IntentState.PENDING), system))));
        registered.add(meter.upDownCounterBuilder("airlock.store.failed").setUnit("{intent}").setDescription("Durable intents kept as FAILED")
                .buildWithCallback(m -> read(store, s -> m.record(s.count(IntentState.FAILED), system))));
        registered.add(meter.gaugeBuilder("airlock.store.oldest_pending.age").setUnit("s").setDescription("Age of the oldest pending durable intent (0 when none)")
                .buildWithCallback(m -> read(store, s -> m.record(s.oldestPending()
                        .map(at -> Math.max(0, Duration.between(at, Instant.now()).toMillis()) / 1000.0).orElse(0.0), system))));
        return () -> {
            for (AutoCloseable gauge : registered) {
                try {
                    gauge.close();
                } catch (Exception | LinkageError unclosable) {
                    LOG.log(Level.FINE, "A gauge of the durable store could not be unregistered", unclosable);
                }
            }
        };
    }

    /** A store that cannot be read gives no value this time, and a log line, never an exception in the exporter. */
    private static void read(Supplier<DurableIntents> store, java.util.function.Consumer<DurableIntents> reading) {
        DurableIntents s = store.get();
        if (s == null) {
            return;
        }
        try {
            reading.accept(s);
        } catch (RuntimeException unreadable) {
            LOG.log(Level.FINE, "The durable store could not be read for its gauges", unreadable);
        }
    }
}
