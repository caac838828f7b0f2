package io.airlock.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.Airlock;
import io.airlock.AirlockTask;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.internal.cdi.AirlockExtension;
import io.airlock.internal.cdi.Settings;
import io.airlock.store.fixtures.DurableDatabase;
import io.airlock.store.fixtures.Ledger;
import io.airlock.store.fixtures.XaDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation of {@link DurableIntents} that writes, called inside an application's transaction, writes outside
 * it, in a unit of work of its own ({@link IntentStore}'s contract): the caller's rollback undoes none of it. The reads
 * stay in the caller's transaction and see its own rows.
 * Before, a read wrote the completions waiting in the batch through the caller's connection, and their rollback left
 * dispatched intents to be dispatched again when their lease expired; {@code relayNow()} claimed, ran and completed
 * intents inside the caller's transaction, so a rollback had them run again.
 */
@ExtendWith(WeldJunit5Extension.class)
class DurableOutsideCallerTransactionTest {

    static final String DS = "java:/test/airlock-outside-caller";
    static XaDataSource database;
    static DurableDatabase bound;
    static final Map<String, String> SETTINGS = Map.of(
            Settings.STORE, "jdbc",
            Settings.STORE_DATASOURCE, DS,
            Settings.STORE_BACKOFF_INITIAL, "10ms",
            Settings.STORE_BACKOFF_MAX, "20ms",
            Settings.STORE_MAX_RETRIES, "0",
            Settings.STORE_COMPLETION_DELAY, "30s");

    /** An administrator's transaction that calls an operation, then fails: it rolls back. */
    @ApplicationScoped
    public static class Admin {
        @Transactional
        public void callThenFail(Consumer<DurableIntents> operation, DurableIntents durable) {
            operation.accept(durable);
            throw new IllegalStateException("the administrator's transaction fails after the call");
        }

        /** Whether the transaction that wrote an intent's row sees it before it commits, through every read. */
        @Transactional
        public List<Boolean> enqueueThenRead(Airlock airlock, DurableIntents durable) {
            String id = airlock.call(() -> airlock.enqueue(Ledger::record, "seen before the commit")).id();
            return List.of(durable.find(id).isPresent(), durable.count(IntentState.PENDING) == 1,
                    durable.pending(0, 10).stream().anyMatch(i -> i.id().equals(id)), durable.oldestPending().isPresent());
        }
    }

    /** A task whose first attempt fails; the later ones record the transaction they run in ("null": none). */
    @ApplicationScoped
    public static class Witness {
        final AtomicInteger attempts = new AtomicInteger();
        final List<String> transactionKeys = new CopyOnWriteArrayList<>();
        @Inject
        TransactionSynchronizationRegistry registry;

        @AirlockTask
        public void look(String entry) {
            if (attempts.getAndIncrement() == 0) {
                throw new IllegalStateException("the first attempt fails");
            }
            transactionKeys.add(String.valueOf(registry.getTransactionKey()));
        }

        List<String> transactionKeys() {
            return List.copyOf(transactionKeys);
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Ledger.class, Admin.class, Witness.class);

    @Inject
    Airlock airlock;
    @Inject
    Ledger ledger;
    @Inject
    Admin admin;
    @Inject
    Witness witness;
    @Inject
    DurableIntents durable;
    @Inject
    BeanManager beanManager;

    private final List<ScheduledExecutorService> timers = new ArrayList<>();

    @BeforeAll
    static void h2() {
        database = XaDataSource.h2("outside-caller");
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
        durable.count(IntentState.PENDING); // the store is open, its table created
        bound.sql("DELETE FROM AIRLOCK_INTENT");
    }

    @AfterEach
    void stopTimers() {
        timers.forEach(ScheduledExecutorService::shutdownNow);
    }

    /** Completions wait for a batch (30 s here, longer than any test), as they do in a server, where a scheduler times them. */
    private void completionsWaitForTheirBatch() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timers.add(timer);
        beanManager.getExtension(AirlockExtension.class).durability().completeOn(timer);
    }

    static Stream<Named<Consumer<DurableIntents>>> operations() {
        return Stream.of(
                Named.of("count", d -> d.count(IntentState.PENDING)),
                Named.of("pending", d -> d.pending(0, 10)),
                Named.of("failed", d -> d.failed(0, 10)),
                Named.of("find", d -> d.find("any")),
                Named.of("oldestPending", DurableIntents::oldestPending),
                Named.of("purgeCompleted", d -> d.purgeCompleted(Duration.ofDays(1))),
                Named.of("relayNow", DurableIntents::relayNow));
    }

    /** The completions an operation writes first (every read, and a relay pass) stay written when the caller's transaction rolls back. */
    @ParameterizedTest
    @MethodSource("operations")
    void theCompletionsAnOperationWritesSurviveTheCallersRollback(Consumer<DurableIntents> operation) throws Exception {
        completionsWaitForTheirBatch();
        airlock.run(() -> airlock.enqueue(Ledger::record, "once"));
        assertEquals(List.of("once"), ledger.entries());
        assertEquals(1, bound.rows(), "dispatched, its completion waits for the batch");

        assertThrows(IllegalStateException.class, () -> admin.callThenFail(operation, durable));

        assertEquals(0, bound.rows(), "the completion the operation wrote was not undone by the caller's rollback");
        DurableDatabase.relayUntilQuiet(durable, Duration.ofSeconds(5));
        assertEquals(List.of("once"), ledger.entries());
    }

    /** A relay pass in the caller's transaction claims, runs and completes outside it: the rollback runs nothing again. */
    @Test
    void aRelayPassInARolledBackTransactionRunsEachIntentOnce() throws Exception {
        ledger.failNext("relayed", 1); // the dispatch after the commit fails: the relay's to run (max-retries 0 keeps it FAILED)
        airlock.run(() -> airlock.enqueue(Ledger::record, "relayed"));
        String id = durable.failed(0, 1).get(0).id();
        assertThrows(IllegalStateException.class, () -> admin.callThenFail(d -> d.resubmit(id), durable));
        assertEquals(IntentState.PENDING, durable.find(id).orElseThrow().state(), "the resubmission is not undone by the rollback");

        assertThrows(IllegalStateException.class, () -> admin.callThenFail(DurableIntents::relayNow, durable));
        assertEquals(List.of("relayed"), ledger.entries());
        DurableDatabase.relayUntilQuiet(durable, Duration.ofSeconds(5));

        assertEquals(List.of("relayed"), ledger.entries(), "run once, not again after the caller's rollback");
        assertEquals(0, bound.rows());
    }

    /** The reads stay in the caller's transaction: it sees the rows it wrote itself before it commits. */
    @Test
    void aTransactionSeesItsOwnRowsBeforeItCommits() throws Exception {
        assertEquals(List.of(true, true, true, true), admin.enqueueThenRead(airlock, durable));
        assertEquals(List.of("seen before the commit"), ledger.entries());
    }

    /** The task a relay pass runs is not part of the caller's transaction. */
    @Test
    void aTaskRelayedInsideACallersTransactionRunsOutsideIt() throws Exception {
        airlock.run(() -> airlock.enqueue(Witness::look, "relayed"));
        assertThrows(IllegalStateException.class, () -> admin.callThenFail(DurableIntents::resubmitAllFailed, durable));
        assertEquals(1, durable.count(IntentState.PENDING), "the resubmission is not undone by the rollback");

        assertThrows(IllegalStateException.class, () -> admin.callThenFail(DurableIntents::relayNow, durable));

        assertEquals(List.of("null"), witness.transactionKeys(), "no transaction is associated with the relayed task");
        DurableDatabase.relayUntilQuiet(durable, Duration.ofSeconds(5));
        assertEquals(List.of("null"), witness.transactionKeys(), "and it ran once");
        assertEquals(0, bound.rows());
    }
}
