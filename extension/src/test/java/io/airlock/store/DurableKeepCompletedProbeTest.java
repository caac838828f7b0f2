package io.airlock.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.Intent;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.internal.cdi.Settings;
import io.airlock.store.fixtures.Ledger;
import io.airlock.store.fixtures.DurableDatabase;
import io.airlock.store.fixtures.XaDataSource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Probes of {@code airlock.store.keep-completed} above 0: completed intents kept, shown, not resubmitted, purged when old. */
@ExtendWith(WeldJunit5Extension.class)
class DurableKeepCompletedProbeTest {

    static final String DS = "java:/test/airlock-durable-keep";
    static XaDataSource database;
    static DurableDatabase bound;
    static final Map<String, String> SETTINGS = Map.of(
            Settings.STORE, "jdbc",
            Settings.STORE_DATASOURCE, DS,
            Settings.STORE_KEEP_COMPLETED, "1h",
            Settings.STORE_COMPLETION_DELAY, "0",
            Settings.STORE_BACKOFF_INITIAL, "10ms",
            Settings.STORE_BACKOFF_MAX, "10ms");

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Ledger.class);

    @Inject
    Airlock airlock;
    @Inject
    Ledger ledger;
    @Inject
    DurableIntents durable;

    @BeforeAll
    static void h2() {
        database = XaDataSource.h2("durable-keep");
        bound = DurableDatabase.bind(database, DS, SETTINGS);
    }

    @AfterAll
    static void unconfigure() {
        bound.release();
        bound = null;
        database = null;
    }

    @BeforeEach
    void emptyTable() throws Exception {
        durable.count(IntentState.PENDING);
        sql("DELETE FROM AIRLOCK_INTENT");
    }

    static void sql(String statement) throws Exception {
        bound.sql(statement);
    }

    @Test
    void aCompletedIntentIsKeptShownAndNeverResubmitted() throws Exception {
        Intent intent = airlock.call(() -> airlock.enqueue(Ledger::record, "kept"));
        assertEquals(List.of("kept"), ledger.entries());
        StoredIntent kept = durable.find(intent.id()).orElseThrow();
        assertEquals(IntentState.COMPLETED, kept.state());
        assertNotNull(kept.completedAt());
        assertNull(kept.leaseOwner());
        assertEquals(1, durable.count(IntentState.COMPLETED));
        assertEquals(List.of(), durable.pending(0, 10));
        assertEquals(List.of(), durable.failed(0, 10));
        assertEquals(java.util.Optional.empty(), durable.oldestPending());
        assertFalse(durable.resubmit(intent.id()), "only a failed intent is resubmitted");
        assertEquals(0, durable.resubmitAllFailed());
        assertEquals(0, durable.relayNow(), "a completed intent is not claimed");
        assertEquals(List.of("kept"), ledger.entries(), "nor dispatched again");
    }

    @Test
    void purgeCompletedDeletesOnlyTheCompletedOlderThanItsArgument() throws Exception {
        Intent young = airlock.call(() -> airlock.enqueue(Ledger::record, "young"));
        Intent old = airlock.call(() -> airlock.enqueue(Ledger::record, "old"));
        ledger.failNext("failed", 100);
        Intent failed = airlock.call(() -> airlock.options(io.airlock.DispatchOptions.builder().maxRetries(0).build())
                .enqueue(Ledger::record, "failed"));
        sql("UPDATE AIRLOCK_INTENT SET COMPLETED_AT = " + Instant.now().minus(Duration.ofMinutes(45)).toEpochMilli() + " WHERE ID = '" + old.id() + "'");
        assertEquals(0, durable.purgeCompleted(Duration.ofHours(1)));
        assertEquals(1, durable.purgeCompleted(Duration.ofMinutes(30)));
        assertTrue(durable.find(old.id()).isEmpty());
        Thread.sleep(5);
        assertEquals(1, durable.purgeCompleted(Duration.ZERO), "every completed intent, none other");
        assertTrue(durable.find(young.id()).isEmpty());
        assertEquals(IntentState.FAILED, durable.find(failed.id()).orElseThrow().state());
        assertEquals(0, durable.purgeCompleted(Duration.ofDays(-1)));
    }

    @Test
    void theRelayPurgesWhatWasKeptLongerThanKeepCompleted() throws Exception {
        Intent expired = airlock.call(() -> airlock.enqueue(Ledger::record, "expired"));
        Intent recent = airlock.call(() -> airlock.enqueue(Ledger::record, "recent"));
        sql("UPDATE AIRLOCK_INTENT SET COMPLETED_AT = " + Instant.now().minus(Duration.ofMinutes(61)).toEpochMilli() + " WHERE ID = '"
                + expired.id() + "'");
        durable.relayNow();
        assertTrue(durable.find(expired.id()).isEmpty(), "kept longer than airlock.store.keep-completed (1h): purged by the relay");
        assertEquals(IntentState.COMPLETED, durable.find(recent.id()).orElseThrow().state());
    }

    @Test
    void aRetriedIntentIsKeptCompletedWithItsHistory() throws Exception {
        ledger.failNext("flaky", 1);
        Intent intent = airlock.call(() -> airlock.enqueue(Ledger::record, "flaky"));
        long end = System.nanoTime() + 5_000_000_000L;
        while (durable.find(intent.id()).orElseThrow().state() != IntentState.COMPLETED && System.nanoTime() < end) {
            durable.relayNow();
            Thread.sleep(20);
        }
        StoredIntent done = durable.find(intent.id()).orElseThrow();
        assertEquals(IntentState.COMPLETED, done.state());
        assertEquals(1, done.history().size(), "the failed attempt before it completed");
        assertEquals(List.of("flaky"), ledger.entries());
    }
}
