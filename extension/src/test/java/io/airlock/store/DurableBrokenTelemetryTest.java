package io.airlock.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.Airlock;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.store.fixtures.Ledger;
import io.airlock.store.fixtures.XaDataSource;
import io.airlock.telemetry.BrokenTelemetryAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Telemetry that throws never changes a durable intent's dispatch: after the commit, and by the relay from its row. */
@ExtendWith(WeldJunit5Extension.class)
class DurableBrokenTelemetryTest {

    @ApplicationScoped
    public static class Shop {
        @Inject
        Airlock airlock;

        @Transactional
        public void order(String entry) {
            airlock.run(() -> airlock.enqueue(Ledger::record, entry));
        }
    }

    static final XaDataSource DATABASE = XaDataSource.h2("broken-telemetry");

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(BrokenTelemetryAccess.bean(), Ledger.class, Shop.class);

    @Inject
    Shop shop;
    @Inject
    Ledger ledger;
    @Inject
    DurableIntents durable;

    @BeforeAll
    static void configure() {
        AbstractDurableIntentsTest.use(DATABASE);
    }

    @AfterAll
    static void unconfigure() {
        AbstractDurableIntentsTest.unconfigure();
    }

    @BeforeEach
    void emptyTable() throws Exception {
        durable.find("x");
        AbstractDurableIntentsTest.sql("DELETE FROM AIRLOCK_INTENT");
    }

    @AfterEach
    void mend() {
        BrokenTelemetryAccess.breakOn(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"start create", "end create", "start send", "end send", "inject", "start process", "end process"})
    void theTaskRunsOnceAfterTheCommit(String phase) throws Exception {
        BrokenTelemetryAccess.breakOn(phase);
        assertDoesNotThrow(() -> shop.order("a"));
        relayFor(500);
        assertEquals(List.of("a"), ledger.entries());
        assertEquals(0, durable.pending(0, 10).size());
        assertEquals(0, durable.failed(0, 10).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"extract", "start process", "end process"})
    void theRelayRunsARetriedTaskOnce(String phase) throws Exception {
        ledger.failNext("b", 1);
        shop.order("b");
        assertEquals(List.of(), ledger.entries(), "the run after the commit failed");
        BrokenTelemetryAccess.breakOn(phase);
        long end = System.nanoTime() + 10_000_000_000L;
        while (!ledger.entries().contains("b") && System.nanoTime() < end) {
            durable.relayNow();
            Thread.sleep(25);
        }
        relayFor(500);
        assertEquals(List.of("b"), ledger.entries());
        assertEquals(0, durable.failed(0, 10).size(), "not kept as FAILED");
    }

    private void relayFor(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            durable.relayNow();
            Thread.sleep(25);
        }
    }
}
