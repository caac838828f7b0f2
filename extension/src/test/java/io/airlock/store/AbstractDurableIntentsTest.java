package io.airlock.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.DispatchFailure;
import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.TaskMethod;
import io.airlock.UsageException;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.FailureLog;
import io.airlock.cdi.fixtures.InertXaResource;
import io.airlock.internal.cdi.AirlockExtension;
import io.airlock.internal.cdi.Settings;
import io.airlock.internal.jms.IntentCodec;
import io.airlock.internal.jms.TaskRegistry;
import io.airlock.internal.store.Durability;
import io.airlock.internal.store.StoreWiring;
import io.airlock.store.fixtures.Ledger;
import io.airlock.store.fixtures.DurableDatabase;
import io.airlock.store.fixtures.XaDataSource;
import io.airlock.store.jdbc.Dialect;
import io.airlock.store.jdbc.JdbcIntentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.Xid;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Durable intents ({@code airlock.store=jdbc}) with Weld, Narayana and a real XA database, the same scenarios on
 * each database a subclass names ({@link DurableIntentsTest} H2, {@link PostgresDurableIntentsTest} PostgreSQL): the
 * row is written in the business transaction, dispatched right after the commit and completed; a rollback leaves
 * no row; a failing intent is retried with backoff by the relay, then kept as FAILED with its history and
 * resubmittable; rows a dead instance left leased are taken over when the lease expires; two relays (two
 * instances, two threads each) on one table dispatch every intent exactly once and never one intent twice at a
 * time.
 *
 * <p>A subclass calls {@link #use} from its own {@code @BeforeAll} with its database, and says how many intents
 * its relay race dispatches and which {@link Dialect} the store must pick.
 */
@ExtendWith(WeldJunit5Extension.class)
abstract class AbstractDurableIntentsTest {

    static final String DS = "java:/test/airlock-durable";
    /** The database of the class that runs, set by its {@code @BeforeAll} through {@link #use}. */
    static XaDataSource database;
    static DurableDatabase bound;
    static final Map<String, String> SETTINGS = Map.of(
            Settings.STORE, "jdbc",
            Settings.STORE_DATASOURCE, DS,
            Settings.STORE_BACKOFF_INITIAL, "20ms",
            Settings.STORE_BACKOFF_MAX, "40ms",
            Settings.STORE_MAX_RETRIES, "2",
            Settings.STORE_COMPLETION_DELAY, "2s");

    @ApplicationScoped
    public static class Checkout {
        @Inject
        Airlock airlock;
        @Inject
        TransactionSynchronizationRegistry registry;

        private long rowsSeenInside = -1;

        @Transactional
        public void order(String... entries) {
            airlock.run(() -> {
                for (String e : entries) {
                    airlock.enqueue(Ledger::record, e);
                }
            });
            rowsSeenInside = rows();
        }

        /**
         * Marks the transaction rollback-only, as an application does on a business failure without throwing:
         * before its scope opens, between the enqueue and the scope's flush, or in a nested scope whose intent
         * the outer one flushes.
         */
        @Transactional
        public void orderThenMarkRollbackOnly(String when, String entry) {
            if (when.equals("before the scope")) {
                registry.setRollbackOnly();
            }
            airlock.run(() -> {
                if (when.equals("in a nested scope")) {
                    airlock.run(() -> {
                        airlock.enqueue(Ledger::record, entry);
                        registry.setRollbackOnly();
                    });
                    return;
                }
                airlock.enqueue(Ledger::record, entry);
                if (when.equals("before the flush")) {
                    registry.setRollbackOnly();
                }
            });
        }

        @Transactional
        public void orderThenFail(String entry) {
            airlock.run(() -> airlock.enqueue(Ledger::record, entry));
            throw new IllegalStateException("payment declined");
        }

        long rowsSeenInside() {
            return rowsSeenInside;
        }
    }

    /**
     * Executors that run each task at once and keep the {@code maxRetries} each intent carried: one that takes the
     * option (as {@code jms} does: its receiver has the broker redeliver a failed task), one that refuses it (as
     * {@code sync} and {@code managed} do).
     */
    @ApplicationScoped
    @Named("retrying-itself")
    public static class RetryingItself implements IntentExecutor {
        private final List<String> handed = new CopyOnWriteArrayList<>();

        @Override
        public void execute(Intent intent) throws Exception {
            handed.add(intent.args().get(0) + ": " + intent.options().maxRetries() + ", " + intent.id());
            intent.invoke();
        }

        /** Each intent handed over: its argument, its {@code maxRetries}, its id. */
        List<String> handed() {
            return List.copyOf(handed);
        }
    }

    @ApplicationScoped
    @Named("not-retrying")
    public static class NotRetrying extends RetryingItself {
        @Override
        public boolean honours(String option, Intent intent) {
            return !DispatchOptions.MAX_RETRIES.equals(option);
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Ledger.class, Checkout.class, RetryingItself.class, NotRetrying.class);

    @Inject
    Airlock airlock;
    @Inject
    Checkout checkout;
    @Inject
    Ledger ledger;
    @Inject
    DurableIntents durable;
    @Inject
    FailureLog failures;
    @Inject
    BeanManager beanManager;

    /** Runs the scenarios on {@code db}: binds it as the store's datasource and sets the store's settings. */
    static void use(XaDataSource db) {
        database = db;
        bound = DurableDatabase.bind(db, DS, SETTINGS);
    }

    @AfterAll
    static void unconfigure() {
        bound.release();
        bound = null;
        database = null;
    }

    /** How many intents the two relays of {@link #twoRelaysOnOneTableDispatchEveryIntentOnceAndNeverTheSameOneTwiceAtATime} share. */
    abstract int relayRaceIntents();

    /** The dialect {@link JdbcIntentStore#open} must pick for this database. */
    abstract Dialect expectedDialect();

    @BeforeEach
    void emptyTable() throws Exception {
        sql("DELETE FROM AIRLOCK_INTENT");
    }

    static long rows() {
        return bound.rows();
    }

    static void sql(String statement) throws Exception {
        bound.sql(statement);
    }

    /** Runs the relay until nothing more is due within the backoff, or the time is up. */
    void relayUntilQuiet() throws InterruptedException {
        DurableDatabase.relayUntilQuiet(durable, Duration.ofSeconds(5));
    }

    @Test
    void theRowIsWrittenInTheTransactionAndDispatchedRightAfterTheCommit() {
        checkout.order("a", "b");
        assertEquals(2, checkout.rowsSeenInside(), "both rows written in the business transaction, before its commit");
        assertEquals(List.of("a", "b"), ledger.entries(), "dispatched right after the commit, in order, without the relay");
        assertEquals(0, rows(), "completed rows are deleted (airlock.store.keep-completed is 0)");
    }

    @Test
    void aRollbackLeavesNoRow() {
        assertThrows(IllegalStateException.class, () -> checkout.orderThenFail("never"));
        assertEquals(0, rows());
        assertEquals(List.of(), ledger.entries());
    }

    @Test
    void aFailingIntentIsRetriedWithBackoffThenKeptAsFailedWithItsHistoryAndCanBeResubmitted() throws Exception {
        ledger.failNext("flaky", 10);
        checkout.order("flaky", "fine");   // no exception: a failure after the commit never reaches the caller
        assertEquals(List.of("fine"), ledger.entries(), "one failing intent does not stop the others");
        StoredIntent pending = durable.pending(0, 10).get(0);
        assertEquals(1, pending.attempts());
        assertTrue(pending.nextAttemptAt().isAfter(pending.createdAt()), "due again later, not at once");

        relayUntilQuiet();
        StoredIntent failed = durable.failed(0, 10).get(0);
        assertEquals(3, failed.history().size(), "the first attempt and maxRetries=2 retries: " + failed.history());
        assertTrue(failed.history().stream().allMatch(a -> a.error().contains("ledger unavailable for flaky")), failed.history().toString());
        assertTrue(failed.history().get(1).at().isAfter(failed.history().get(0).at()));
        assertEquals(List.of(true, true, false), failures.failures().stream().map(DispatchFailure::willRetry).toList());
        assertEquals(List.of(1, 2, 3), failures.failures().stream().map(DispatchFailure::attempt).toList());
        assertEquals(0, durable.count(IntentState.PENDING));

        ledger.failNext("flaky", 0);
        assertTrue(durable.resubmit(failed.id()));
        assertFalse(durable.resubmit(failed.id()), "only a failed intent is resubmitted");
        relayUntilQuiet();
        assertEquals(List.of("fine", "flaky"), ledger.entries());
        assertEquals(0, rows());
    }

    /**
     * A transaction that will not commit takes no row: a flush into it drops its intents as a rollback would,
     * without an error for the caller or a failure event, whenever it was marked.
     */
    @ParameterizedTest
    @ValueSource(strings = {"before the scope", "before the flush", "in a nested scope"})
    void aTransactionMarkedRollbackOnlyTakesNoRowAndFailsNothing(String when) {
        checkout.orderThenMarkRollbackOnly(when, "doomed");
        assertEquals(0, rows());
        assertEquals(List.of(), ledger.entries());
        assertEquals(List.of(), failures.failures(), "a rollback the application asked for is no dispatch failure");
    }

    /**
     * A flush while the transaction rolls back (from an enlisted resource's rollback, the transaction still on the
     * thread and bound to airlock by an earlier intent) drops its intents instead of writing into it.
     */
    @Test
    void aFlushWhileTheTransactionRollsBackWritesNoRow() throws Exception {
        TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        List<Throwable> thrown = new CopyOnWriteArrayList<>();
        tm.begin();
        airlock.run(() -> airlock.enqueue(Ledger::record, "early"));
        tm.getTransaction().enlistResource(new RollbackCallback(() -> {
            try {
                seen.add(tm.getStatus());
                airlock.run(() -> airlock.enqueue(Ledger::record, "late"));
            } catch (Exception | Error e) {
                thrown.add(e);
            }
        }));
        tm.rollback();
        assertEquals(List.of(jakarta.transaction.Status.STATUS_ROLLING_BACK), seen);
        assertEquals(List.of(), thrown);
        assertEquals(0, rows());
        assertEquals(List.of(), ledger.entries());
        assertEquals(List.of(), failures.failures());
    }

    /**
     * A transaction the reaper rolled back (timed out) while its scope was open: the flush that follows writes no
     * row and fails nothing; the application's commit then fails as it would without airlock.
     */
    @Test
    void aTransactionTimedOutBeforeItsScopeFlushesTakesNoRow() throws Exception {
        TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        tm.setTransactionTimeout(1);
        try {
            tm.begin();
            airlock.run(() -> {
                airlock.enqueue(Ledger::record, "timed out");
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (tm.getStatus() != jakarta.transaction.Status.STATUS_ROLLEDBACK) {
                    assertTrue(System.nanoTime() < deadline, "the reaper never rolled the transaction back");
                    Thread.sleep(20);
                }
            });
            assertThrows(jakarta.transaction.RollbackException.class, tm::commit);
        } finally {
            tm.setTransactionTimeout(0);
            if (tm.getTransaction() != null) {
                tm.rollback();
            }
        }
        assertEquals(0, rows());
        assertEquals(List.of(), ledger.entries());
        assertEquals(List.of(), failures.failures());
    }

    /** An XA resource that runs an action when its transaction rolls back. */
    static final class RollbackCallback extends InertXaResource {
        private final Runnable onRollback;

        RollbackCallback(Runnable onRollback) {
            this.onRollback = onRollback;
        }

        @Override
        public void rollback(Xid xid) {
            onRollback.run();
        }
    }

    @Test
    void outsideATransactionTheRowIsWrittenInATransactionOfItsOwnThenDispatched() {
        airlock.run(() -> airlock.enqueue(Ledger::record, "no transaction"));
        assertEquals(List.of("no transaction"), ledger.entries());
        assertEquals(0, rows());
    }

    @Test
    void aTaskReadsTheIdOfTheIntentItRunsAndItIsTheRowKey() throws Exception {
        ledger.failNext("retried", 1);
        Intent intent = airlock.call(() -> airlock.enqueue(Ledger::record, "retried"));
        assertEquals(intent.id(), durable.pending(0, 1).get(0).id());
        relayUntilQuiet();
        assertEquals(Map.of(intent.id(), 1), Map.of(intent.id(), ledger.runsById().get(intent.id()).get()), "ran once, under the same id");
    }

    @Test
    void anIntentThatCannotTravelFailsAtEnqueue() {
        UsageException e = assertThrows(UsageException.class, () -> airlock.run(() -> airlock.enqueue("audit", () -> { })));
        assertTrue(e.getMessage().contains("durable") && e.getMessage().contains("@AirlockTask"), e.getMessage());
        UsageException lambda = assertThrows(UsageException.class, () -> airlock.run(() -> airlock.enqueue((Ledger l) -> l.record("x"))));
        assertTrue(lambda.getMessage().contains("method reference"), lambda.getMessage());
        assertEquals(0, rows());
    }

    /** UTF-8 has no form for half a surrogate pair: such text is refused at the enqueue, before anything is written. */
    @ParameterizedTest
    @ValueSource(strings = {"\uD83D", "\uDE00", "\uDE00\uD83D", "tail \uD83D", "\uD83D\uD83D\uDE00", "\uD83D\uDE00\uDE00"})
    void textWithAnUnpairedSurrogateIsRefusedAtEnqueue(String text) {
        UsageException e = assertThrows(UsageException.class, () -> airlock.run(() -> airlock.enqueue(Ledger::record, text)));
        assertTrue(e.getMessage().contains("unpaired UTF-16 surrogate") && e.getMessage().contains("Pass whole characters"), e.getMessage());
        assertEquals(0, rows());
    }

    /**
     * The intent's name is a column of its row: a NUL character (which PostgreSQL refuses in text) or an unpaired
     * surrogate in it is refused at the enqueue, naming the name, rather than failing the transaction at its flush with
     * the database's own error. An argument holding a NUL travels (escaped in the JSON payload).
     */
    @ParameterizedTest
    @ValueSource(strings = {"mail\u0000x", "\u0000", "tail\u0000", "lone \uD83D", "\uDE00"})
    void aNameTheTableCannotHoldIsRefusedAtEnqueue(String name) throws Exception {
        UsageException e = assertThrows(UsageException.class, () -> airlock.run(() -> airlock.named(name).enqueue(Ledger::record, "x")));
        assertTrue(e.getMessage().contains("its name holds"), e.getMessage());
        assertEquals(0, rows());
        airlock.run(() -> airlock.named("mail").enqueue(Ledger::record, "nul \u0000 inside"));
        relayUntilQuiet();
        assertEquals(List.of("nul \u0000 inside"), ledger.entries());
        assertEquals(Optional.empty(), durable.find("a\u0000b"));
        assertFalse(durable.resubmit("a\u0000b"));
    }

    @Test
    void textWhoseSurrogatesArePairedArrivesExactly() throws Exception {
        String text = "\uD83D\uDE00 \uD834\uDD1E Grüße";
        airlock.run(() -> airlock.enqueue(Ledger::record, text));
        relayUntilQuiet();
        assertEquals(List.of(text), ledger.entries());
    }

    @Test
    void rowsADeadInstanceLeftLeasedAreDispatchedOnceTheLeaseExpires() throws Exception {
        Instant now = Instant.now();
        durable.find("x");   // the store is open
        saveRow("abandoned-expired", "expired", "dead-instance", now.minusSeconds(1));
        saveRow("abandoned-live", "still leased", "live-instance", now.plusSeconds(600));
        relayUntilQuiet();
        assertEquals(List.of("expired"), ledger.entries(), "the expired lease was taken over, the live one left alone");
        assertEquals(1, rows());
    }

    @Test
    void aRowThatCannotBeDecodedOrWhoseExecutorIsGoneIsKeptAsFailedWithoutBlockingOthers() throws Exception {
        Instant now = Instant.now();
        saveRow("good", "good", null, null);
        sql("INSERT INTO AIRLOCK_INTENT (ID, NAME, EXECUTOR, PAYLOAD, STATE, ATTEMPTS, MAX_RETRIES, CREATED_AT, NEXT_ATTEMPT_AT) VALUES "
                + "('garbage', 'x', 'sync', '{not json', 'PENDING', 0, 3, " + now.toEpochMilli() + ", " + now.toEpochMilli() + ")");
        String gone = payload("gone").replace(Ledger.class.getName(), "com.example.RemovedService");
        sql("INSERT INTO AIRLOCK_INTENT (ID, NAME, EXECUTOR, PAYLOAD, STATE, ATTEMPTS, MAX_RETRIES, CREATED_AT, NEXT_ATTEMPT_AT) VALUES "
                + "('removed', 'x', 'sync', '" + gone + "', 'PENDING', 0, 3, " + now.toEpochMilli() + ", " + now.toEpochMilli() + ")");
        sql("INSERT INTO AIRLOCK_INTENT (ID, NAME, EXECUTOR, PAYLOAD, STATE, ATTEMPTS, MAX_RETRIES, CREATED_AT, NEXT_ATTEMPT_AT) VALUES "
                + "('no-executor', 'x', 'carrier-pigeon', '" + payload("pigeon") + "', 'PENDING', 0, 3, " + now.toEpochMilli() + ", "
                + now.toEpochMilli() + ")");
        relayUntilQuiet();
        assertEquals(List.of("good"), ledger.entries());
        List<StoredIntent> failed = durable.failed(0, 10);
        assertEquals(3, failed.size(), failed.toString());
        assertTrue(durable.find("garbage").orElseThrow().lastError().orElseThrow().contains("cannot be decoded"));
        assertTrue(durable.find("removed").orElseThrow().lastError().orElseThrow().contains("cannot be decoded"));
        assertTrue(durable.find("no-executor").orElseThrow().lastError().orElseThrow().contains("carrier-pigeon"));
    }

    @Test
    void aTableOfAnotherSchemaVersionOrMissingFailsNamingTheTableAndTheFix() throws Exception {
        try {
            sql("CREATE TABLE AIRLOCK_OLD (ID VARCHAR(64) NOT NULL PRIMARY KEY)");
            sql("CREATE TABLE AIRLOCK_OLD_VERSION (VERSION INTEGER NOT NULL)");
            sql("INSERT INTO AIRLOCK_OLD_VERSION (VERSION) VALUES (" + (JdbcIntentStore.SCHEMA_VERSION + 1) + ")");
            IllegalStateException newer = assertThrows(IllegalStateException.class, () -> JdbcIntentStore.open(database, "AIRLOCK_OLD", true));
            assertTrue(newer.getMessage().contains("AIRLOCK_OLD") && newer.getMessage().contains("schema version " + (JdbcIntentStore.SCHEMA_VERSION + 1))
                    && newer.getMessage().contains("durability.md"), newer.getMessage());
            sql("DROP TABLE AIRLOCK_OLD_VERSION");
            IllegalStateException none = assertThrows(IllegalStateException.class, () -> JdbcIntentStore.open(database, "AIRLOCK_OLD", true));
            assertTrue(none.getMessage().contains("AIRLOCK_OLD_VERSION"), none.getMessage());
        } finally {
            sql("DROP TABLE IF EXISTS AIRLOCK_OLD_VERSION");
            sql("DROP TABLE IF EXISTS AIRLOCK_OLD");
        }
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> JdbcIntentStore.open(database, "AIRLOCK_NONE", false));
        assertTrue(missing.getMessage().contains("does not exist") && missing.getMessage().contains("airlock.store.create-table"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JdbcIntentStore.open(database, "AIRLOCK; DROP TABLE X", true));
    }

    @Test
    void everyFailedIntentCanBeResubmittedAtOnceAndCompletedOnesPurged() throws Exception {
        ledger.failNext("one", 100);
        ledger.failNext("two", 100);
        checkout.order("one", "two");
        relayUntilQuiet();
        assertEquals(2, durable.count(IntentState.FAILED));
        ledger.failNext("one", 0);
        ledger.failNext("two", 0);
        assertEquals(2, durable.resubmitAllFailed());
        assertEquals(0, durable.count(IntentState.FAILED));
        relayUntilQuiet();
        assertEquals(List.of("one", "two"), ledger.entries().stream().sorted().toList());

        Instant old = Instant.now().minusSeconds(3600);
        for (String id : List.of("done-old", "done-new")) {
            saveRow(id, id, null, null);
        }
        sql("UPDATE AIRLOCK_INTENT SET STATE = 'COMPLETED', COMPLETED_AT = " + old.toEpochMilli() + " WHERE ID = 'done-old'");
        sql("UPDATE AIRLOCK_INTENT SET STATE = 'COMPLETED', COMPLETED_AT = " + Instant.now().toEpochMilli() + " WHERE ID = 'done-new'");
        assertEquals(1, durable.purgeCompleted(java.time.Duration.ofMinutes(30)));
        assertTrue(durable.find("done-old").isEmpty());
        assertEquals(IntentState.COMPLETED, durable.find("done-new").orElseThrow().state());
    }

    @Test
    void aScopeMadeDurableInCodeWritesAndDispatchesThroughTheNamedExecutor() {
        IntentExecutor durableSync = durable.executor("sync");
        assertEquals("durable(sync)", durableSync.toString());
        airlock.scope().executor(durableSync).run(() -> airlock.enqueue(Ledger::record, "in code"));
        assertEquals(List.of("in code"), ledger.entries());
        assertEquals(0, rows());
        UsageException unknown = assertThrows(UsageException.class, () -> durable.executor("carrier-pigeon"));
        assertTrue(unknown.getMessage().contains("carrier-pigeon"), unknown.getMessage());
    }

    @Test
    void anExecutorThatRetriesTasksItselfGetsTheStoresRetriesWithEachIntentThatNamesNone() throws Exception {
        RetryingItself retrying = weld.select(RetryingItself.class, NamedLiteral.of("retrying-itself")).get();
        NotRetrying notRetrying = weld.select(NotRetrying.class, NamedLiteral.of("not-retrying")).get();
        List<String> ids = new ArrayList<>();
        airlock.scope().executor(durable.executor("retrying-itself")).run(() -> {
            ids.add(airlock.enqueue(Ledger::record, "the store's").id());
            ids.add(airlock.options(DispatchOptions.builder().maxRetries(7).build()).enqueue(Ledger::record, "its own").id());
            ids.add(airlock.options(DispatchOptions.builder().maxRetries(0).build()).enqueue(Ledger::record, "none").id());
        });
        airlock.scope().executor(durable.executor("not-retrying")).run(() -> ids.add(airlock.enqueue(Ledger::record, "refused").id()));
        assertEquals(List.of("the store's: OptionalInt[2], " + ids.get(0), "its own: OptionalInt[7], " + ids.get(1), "none: OptionalInt[0], " + ids.get(2)),
                retrying.handed(), "the same intent, by its id, with the store's max-retries (2) when it names none");
        assertEquals(List.of("refused: OptionalInt.empty, " + ids.get(3)), notRetrying.handed(), "an executor that does not take the option is not given it");
        assertEquals(List.of("the store's", "its own", "none", "refused"), ledger.entries());
    }

    /** The store's runtime, given a scheduler as the relay gives it the server's: completions are then written in batches. */
    private ScheduledExecutorService batchCompletions() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timers.add(timer);
        beanManager.getExtension(AirlockExtension.class).durability().completeOn(timer);
        return timer;
    }

    private final List<ScheduledExecutorService> timers = new ArrayList<>();

    @AfterEach
    void stopTimers() {
        timers.forEach(ScheduledExecutorService::shutdownNow);
    }

    @Test
    void completionsWaitForABatchOrTheDelayAndEveryReadOfTheStoreSeesThemWritten() throws Exception {
        batchCompletions();
        checkout.order("a", "b");
        assertEquals(List.of("a", "b"), ledger.entries(), "dispatched right after the commit");
        assertEquals(2, rows(), "dispatched, their completions wait for more (airlock.store.completion-delay 2s, batch-size 100)");
        assertEquals(0, durable.count(IntentState.PENDING), "a read through DurableIntents writes the completions first");
        assertEquals(0, rows());

        checkout.order("c");
        assertEquals(1, rows());
        long start = System.nanoTime();
        while (rows() > 0 && System.nanoTime() - start < 20_000_000_000L) {
            Thread.sleep(50);
        }
        assertEquals(0, rows(), "written by the timer once the delay passed, with no other completion to wait for");
        assertTrue(System.nanoTime() - start >= 1_000_000_000L, "not before its delay: the completion waited for others");
    }

    @Test
    void aFullBatchOfCompletionsIsWrittenAtOnceByTheSchedulerOrTheThreadThatFillsItWhileTheSchedulerIsBusy() throws Exception {
        ScheduledExecutorService timer = batchCompletions();
        String[] hundred = new String[100];
        for (int i = 0; i < hundred.length; i++) {
            hundred[i] = "e" + i;
        }
        checkout.order(hundred);
        assertEquals(100, ledger.entries().size());
        timer.submit(() -> { }).get(5, TimeUnit.SECONDS); // the scheduler's tasks so far have run
        assertEquals(0, rows(), "the hundredth completion (airlock.store.batch-size) had the scheduler write all of them, without waiting for "
                + "the delay");
        ledger.clear();

        CountDownLatch busy = new CountDownLatch(1);
        timer.execute(() -> {
            try {
                busy.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        checkout.order(hundred);      // handed to the busy scheduler: waits there
        assertEquals(100, rows(), "the full batch waits for the scheduler");
        String[] another = new String[100];
        for (int i = 0; i < another.length; i++) {
            another[i] = "f" + i;
        }
        checkout.order(another);      // the scheduler still has the previous one: written by this thread
        assertEquals(100, rows(), "a second full batch, while the scheduler has the first, is written by the thread that filled it");
        assertEquals(List.of(), durable.pending(0, 10), "a read writes the batch the scheduler has not begun");
        assertEquals(0, rows());
        busy.countDown();
        ledger.clear();
        ledger.clear();
        String[] more = java.util.Arrays.copyOf(hundred, 101);
        more[100] = "e100";
        checkout.order(more);
        timer.submit(() -> { }).get(5, TimeUnit.SECONDS);
        assertEquals(1, rows(), "the one beyond a full batch waits for the next");
        assertEquals(List.of(), durable.pending(0, 10), "a read writes the waiting completion first");
        assertEquals(0, rows());
    }

    @Test
    void aCompletionWhoseLeasePassedToAnotherInstanceIsNotWrittenAndSaysSo() throws Exception {
        batchCompletions();
        try (io.airlock.fixtures.LogCapture log = new io.airlock.fixtures.LogCapture("io.airlock.store")) {
            checkout.order("mine", "taken");
            sql("UPDATE AIRLOCK_INTENT SET LEASE_OWNER = 'another-instance' WHERE PAYLOAD LIKE '%\"taken\"%'");
            assertEquals(1, durable.count(IntentState.PENDING), "the row another instance holds is left to it");
            assertEquals(1, rows());
            assertTrue(log.at(java.util.logging.Level.WARNING).stream().anyMatch(m -> m.contains("no longer leased to this instance")),
                    log.records().toString());
        }
    }

    @Test
    void theApplicationsStopWritesTheCompletionsThatWait() throws Exception {
        batchCompletions();
        checkout.order("before the stop");
        assertEquals(1, rows());
        weld.shutdown();
        assertEquals(0, rows(), "a stop that is not a crash leaves nothing to dispatch twice");
    }

    @Test
    void theStorePicksTheDialectOfTheDatabase() {
        assertEquals(expectedDialect(), JdbcIntentStore.open(database, "AIRLOCK_INTENT", false).dialect());
    }

    @Test
    void aTableOfTheSameNameInAnotherSchemaIsNotTakenForTheIntentTable() throws Exception {
        sql("CREATE SCHEMA ELSEWHERE");
        try {
            sql("CREATE TABLE ELSEWHERE.AIRLOCK_OTHER (ID VARCHAR(64))");
            sql("CREATE TABLE ELSEWHERE.AIRLOCK_OTHER_VERSION (VERSION INTEGER NOT NULL)");
            sql("INSERT INTO ELSEWHERE.AIRLOCK_OTHER_VERSION (VERSION) VALUES (" + JdbcIntentStore.SCHEMA_VERSION + ")");
            IllegalStateException missing = assertThrows(IllegalStateException.class, () -> JdbcIntentStore.open(database, "AIRLOCK_OTHER", false));
            assertTrue(missing.getMessage().contains("AIRLOCK_OTHER does not exist"), missing.getMessage());
            JdbcIntentStore created = JdbcIntentStore.open(database, "AIRLOCK_OTHER", true);
            assertEquals(0, created.count(IntentState.PENDING), "created in the connection's own schema, and used");
            assertEquals(expectedDialect(), JdbcIntentStore.open(database, "AIRLOCK_OTHER", false).dialect(), "found there next time");
        } finally {
            sql("DROP TABLE IF EXISTS AIRLOCK_OTHER");
            sql("DROP TABLE IF EXISTS AIRLOCK_OTHER_VERSION");
            sql("DROP SCHEMA ELSEWHERE CASCADE");
        }
    }

    @Test
    void aTableWhoseNameMatchesOnlyAsAPatternIsNotTakenForTheIntentTable() throws Exception {
        sql("CREATE TABLE AIRLOCKXPATTERN (ID VARCHAR(64))");
        try {
            IllegalStateException missing = assertThrows(IllegalStateException.class, () -> JdbcIntentStore.open(database, "AIRLOCK_PATTERN", false));
            assertTrue(missing.getMessage().contains("AIRLOCK_PATTERN does not exist"), "'_' is no wildcard here: " + missing.getMessage());
        } finally {
            sql("DROP TABLE AIRLOCKXPATTERN");
        }
    }

    /**
     * Two instances of the relay (two {@link Durability}s, so two lease owners) on one table, each driven by two
     * threads calling {@code relayNow()} until the table is empty. Every dispatch goes through an executor that
     * counts, per intent id, its runs and how many run at this moment: no intent may run twice at a time, none
     * may be lost, and since nothing fails, none may run twice at all.
     */
    @Test
    void twoRelaysOnOneTableDispatchEveryIntentOnceAndNeverTheSameOneTwiceAtATime() throws Exception {
        int intents = relayRaceIntents();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> runningNow = new ConcurrentHashMap<>();
        Set<String> overlapping = ConcurrentHashMap.newKeySet();
        IntentExecutor counting = intent -> {
            AtomicInteger running = runningNow.computeIfAbsent(intent.id(), id -> new AtomicInteger());
            if (running.incrementAndGet() > 1) {
                overlapping.add(intent.id());
            }
            try {
                runs.computeIfAbsent(intent.id(), id -> new AtomicInteger()).incrementAndGet();
                Thread.yield();   // a moment in which another relay holding the same row would overlap
            } finally {
                running.decrementAndGet();
            }
        };
        TaskRegistry tasks = beanManager.getExtension(AirlockExtension.class).tasks();
        List<Durability> relays = List.of(StoreWiring.create(name -> counting, () -> tasks), StoreWiring.create(name -> counting, () -> tasks));
        assertNotEquals(relays.get(0).owner(), relays.get(1).owner());
        assertEquals(expectedDialect(), ((JdbcIntentStore) relays.get(0).store()).dialect());

        Instant created = Instant.now().minusSeconds(1);
        TaskMethod record = new TaskMethod(Ledger.class, Ledger.class, "record", List.of(String.class));
        List<StoredIntent> batch = new ArrayList<>();
        for (int i = 0; i < intents; i++) {
            String id = String.format("race-%05d", i);
            String body = IntentCodec.encode(Intent.builder(record, List.of(id)).id(id).build());
            batch.add(new StoredIntent(id, "record", "race", body, IntentState.PENDING, 0, 3, created, created.plusMillis(i % 97), null, null,
                    null, List.of()));
            if (batch.size() == 1000 || i == intents - 1) {
                relays.get(0).store().save(batch);
                batch.clear();
            }
        }
        assertEquals(intents, rows());

        int threadsPerRelay = 2;
        ExecutorService threads = Executors.newFixedThreadPool(relays.size() * threadsPerRelay);
        CountDownLatch go = new CountDownLatch(1);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        List<Future<Integer>> claimedByThread = new ArrayList<>();
        for (Durability relay : relays) {
            for (int t = 0; t < threadsPerRelay; t++) {
                claimedByThread.add(threads.submit(() -> {
                    go.await();
                    int claimed = 0;
                    while (System.nanoTime() < deadline) {
                        int n = relay.relayNow();
                        claimed += n;
                        if (n == 0) {
                            if (relay.count(IntentState.PENDING) == 0) {
                                return claimed;
                            }
                            Thread.sleep(1);
                        }
                    }
                    throw new AssertionError("the relays did not empty the table in 5 minutes: " + rows() + " rows left");
                }));
            }
        }
        long start = System.nanoTime();
        go.countDown();
        List<Integer> claimed = new ArrayList<>();
        for (Future<Integer> f : claimedByThread) {
            claimed.add(f.get(6, TimeUnit.MINUTES));
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        threads.shutdown();

        long twice = runs.values().stream().filter(n -> n.get() > 1).count();
        int perRelay0 = claimed.get(0) + claimed.get(1);
        int perRelay1 = claimed.get(2) + claimed.get(3);
        System.out.printf("Relay race on %s: %d intents, 2 relays x %d threads, claimed %d + %d (per thread %s), dispatched %d distinct, "
                + "%d more than once, %d overlapping, %d rows left, %d ms (%.0f intents/s)%n", expectedDialect(), intents, threadsPerRelay,
                perRelay0, perRelay1, claimed, runs.size(), twice, overlapping.size(), rows(), elapsedMillis, intents * 1000.0 / Math.max(1,
                elapsedMillis));

        assertEquals(Set.of(), overlapping, "no intent dispatched twice at the same time");
        assertEquals(intents, runs.size(), "no intent lost");
        assertEquals(0, twice, "no intent dispatched twice (no failure was injected)");
        assertEquals(intents, perRelay0 + perRelay1, "every claim dispatched exactly one intent");
        assertEquals(0, rows(), "every intent completed");
        assertTrue(perRelay0 > 0 && perRelay1 > 0, "both relays took part: " + claimed);
    }

    static String payload(String entry) throws Exception {
        TaskMethod record = new TaskMethod(Ledger.class, Ledger.class, "record", List.of(String.class));
        return IntentCodec.encode(Intent.builder(record, List.of(entry)).build());
    }

    void saveRow(String id, String entry, String owner, Instant leaseUntil) throws Exception {
        Instant now = Instant.now();
        TaskMethod record = new TaskMethod(Ledger.class, Ledger.class, "record", List.of(String.class));
        String body = IntentCodec.encode(Intent.builder(record, List.of(entry)).id(id).build());
        JdbcIntentStore.open(database, "AIRLOCK_INTENT", false).save(List.of(new StoredIntent(id, "record", "sync", body,
                IntentState.PENDING, 0, 3, now, now, owner, leaseUntil, null, List.of())));
    }
}
