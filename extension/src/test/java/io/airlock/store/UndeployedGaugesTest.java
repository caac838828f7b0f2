package io.airlock.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.internal.observe.DispatchObserver;
import io.airlock.internal.observe.Observation;
import io.airlock.store.fixtures.Ledger;
import io.airlock.store.fixtures.XaDataSource;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An SDK that outlives the application (one for the whole server, as Open Liberty's runtime-wide telemetry has it):
 * the durable store's gauges go with the application, so that the SDK neither reads an undeployed store nor reports
 * each gauge once per deployment there has been.
 */
class UndeployedGaugesTest {

    static final InMemoryMetricReader METRICS = InMemoryMetricReader.create();
    static final OpenTelemetrySdk SERVER_SDK = OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(METRICS).build()).build();

    /** The server's SDK, the same for every deployment. */
    public static class ServerTelemetry {
        @Produces
        @Singleton
        OpenTelemetry openTelemetry() {
            return SERVER_SDK;
        }
    }

    /** A server's OpenTelemetry that fails once airlock's gauges are registered: the observer cannot be made. */
    public static class HalfBrokenTelemetry {
        @Produces
        @Singleton
        OpenTelemetry openTelemetry() {
            return new OpenTelemetry() {
                @Override
                public io.opentelemetry.api.trace.TracerProvider getTracerProvider() {
                    return SERVER_SDK.getTracerProvider();
                }

                @Override
                public io.opentelemetry.api.metrics.MeterProvider getMeterProvider() {
                    return SERVER_SDK.getMeterProvider();
                }

                @Override
                public io.opentelemetry.context.propagation.ContextPropagators getPropagators() {
                    throw new IllegalStateException("no propagators");
                }
            };
        }
    }

    static final XaDataSource DATABASE = XaDataSource.h2("undeployed-gauges");

    @BeforeAll
    static void configure() {
        AbstractDurableIntentsTest.use(DATABASE);
    }

    @AfterAll
    static void unconfigure() {
        AbstractDurableIntentsTest.unconfigure();
    }

    private static long pendingPoints() {
        return METRICS.collectAllMetrics().stream().filter(m -> m.getName().equals("airlock.store.pending"))
                .mapToLong(m -> m.getLongSumData().getPoints().size()).sum();
    }

    @Test
    void theGaugesGoWithTheDeployment() {
        for (int deployment = 1; deployment <= 2; deployment++) {
            try (WeldContainer container = AirlockWeld.weld(ServerTelemetry.class, Ledger.class).initialize()) {
                container.select(DurableIntents.class).get().pending(0, 1);
                java.util.Collection<MetricData> seen = METRICS.collectAllMetrics();
                assertTrue(seen.stream().anyMatch(m -> m.getName().equals("airlock.store.pending")), "deployed: the gauge reports");
            }
            assertEquals(0, pendingPoints(), "undeployment " + deployment + " took the store's gauges away");
        }
    }

    /** Telemetry that cannot be used leaves airlock without an observer, and without gauges nothing would unregister. */
    @Test
    void anObserverThatCannotBeMadeLeavesNoGauges() {
        try (WeldContainer container = AirlockWeld.weld(HalfBrokenTelemetry.class, Ledger.class).initialize()) {
            container.select(DurableIntents.class).get().pending(0, 1);
            assertSame(DispatchObserver.NONE, Observation.observer(), "the deployment goes on without telemetry");
            assertEquals(0, pendingPoints(), "no gauge left registered while deployed");
        }
        assertEquals(0, pendingPoints(), "nor after");
    }
}
