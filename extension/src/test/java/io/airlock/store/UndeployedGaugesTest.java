package io.airlock.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.cdi.fixtures.AirlockWeld;
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
}
