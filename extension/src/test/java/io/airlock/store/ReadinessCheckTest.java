package io.airlock.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.internal.cdi.AirlockExtension;
import io.airlock.internal.cdi.Settings;
import io.airlock.internal.health.AirlockReadinessCheck;
import io.airlock.store.fixtures.Ledger;
import io.airlock.store.fixtures.XaDataSource;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The MicroProfile Health readiness check over a real H2 store: the backlog and its oldest intent's age against the thresholds. */
@ExtendWith(WeldJunit5Extension.class)
class ReadinessCheckTest {

    static final XaDataSource DATABASE = XaDataSource.h2("readiness");

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Ledger.class);

    @Inject
    @Readiness
    HealthCheck check;
    @Inject
    BeanManager beanManager;
    @Inject
    DurableIntents durable;

    @BeforeAll
    static void configure() {
        AbstractDurableIntentsTest.use(DATABASE);
        System.setProperty(Settings.HEALTH_MAX_PENDING, "2");
        System.setProperty(Settings.HEALTH_MAX_PENDING_AGE, "10m");
        // the relay must not touch the hand-written rows while the test reads them
        System.setProperty(Settings.STORE_POLL_INTERVAL, "1h");
    }

    @AfterAll
    static void unconfigure() {
        System.clearProperty(Settings.HEALTH_MAX_PENDING);
        System.clearProperty(Settings.HEALTH_MAX_PENDING_AGE);
        System.clearProperty(Settings.STORE_POLL_INTERVAL);
        AbstractDurableIntentsTest.unconfigure();
    }

    @BeforeEach
    @AfterEach
    void emptyTable() throws Exception {
        durable.find("x");   // the store is open, its table created
        AbstractDurableIntentsTest.sql("DELETE FROM AIRLOCK_INTENT");
    }

    void pending(String id, Duration age) {
        Instant created = Instant.now().minus(age);
        Instant later = Instant.now().plus(Duration.ofHours(1));   // not due: the relay leaves it alone
        beanManager.getExtension(AirlockExtension.class).durability().store().save(List.of(new StoredIntent(id, "record", "sync", "{}",
                IntentState.PENDING, 0, 2, created, later, null, null, null, List.of())));
    }

    @Test
    void theCheckIsAirlocksReadinessCheck() {
        assertEquals(AirlockReadinessCheck.NAME, check.call().getName());
    }

    @Test
    void anEmptyStoreIsUp() {
        HealthCheckResponse response = check.call();
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        Map<String, Object> data = response.getData().orElseThrow();
        assertEquals(0L, data.get("pending"));
        assertEquals(2L, data.get("max-pending"));
        assertEquals(0L, data.get("oldest-pending-age-ms"));
    }

    @Test
    void aBacklogAtItsThresholdIsUpAndPastItDown() {
        pending("a", Duration.ZERO);
        pending("b", Duration.ZERO);
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
        pending("c", Duration.ZERO);
        HealthCheckResponse response = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals(3L, response.getData().orElseThrow().get("pending"));
    }

    @Test
    void anIntentPendingLongerThanTheMaxAgeIsDown() {
        pending("old", Duration.ofMinutes(11));
        HealthCheckResponse response = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        long age = (Long) response.getData().orElseThrow().get("oldest-pending-age-ms");
        assertEquals(true, age >= Duration.ofMinutes(11).toMillis(), "age " + age);
    }

    @Test
    void theThresholdsAreTheDeploymentsEvenWhereTheCallingThreadSeesNoConfiguration() {
        // a health endpoint's thread that does not find the application's configuration (Payara's) still gets its thresholds
        System.clearProperty(Settings.HEALTH_MAX_PENDING);
        System.clearProperty(Settings.HEALTH_MAX_PENDING_AGE);
        try {
            for (String id : List.of("a", "b", "c")) {
                pending(id, Duration.ZERO);
            }
            HealthCheckResponse response = check.call();
            assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
            assertEquals(2L, response.getData().orElseThrow().get("max-pending"));
            assertEquals(Duration.ofMinutes(10).toMillis(), response.getData().orElseThrow().get("max-pending-age-ms"));
        } finally {
            System.setProperty(Settings.HEALTH_MAX_PENDING, "2");
            System.setProperty(Settings.HEALTH_MAX_PENDING_AGE, "10m");
        }
    }
}
