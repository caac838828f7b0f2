package io.airlock.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.AirlockTask;
import io.airlock.DispatchFailure;
import io.airlock.DispatchOptions;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.FailureLog;
import io.airlock.fixtures.UnreadableFailure;
import io.airlock.internal.cdi.Settings;
import io.airlock.internal.store.Durability;
import io.airlock.internal.store.StoreSettings;
import io.airlock.store.fixtures.Ledger;
import io.airlock.store.fixtures.DurableDatabase;
import io.airlock.store.fixtures.XaDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Probes of the durable store as its documentation describes it (docs/durability.md, docs/jakarta-ee.md): the
 * operations of {@link DurableIntents} given bad input, tasks that fail in every way, tasks that enqueue, and the
 * transaction in each state at flush. H2 under XA, Weld and Narayana, as {@link DurableIntentsTest}.
 */
@ExtendWith(WeldJunit5Extension.class)
class DurableOperationsProbeTest {

    static final String DS = "java:/test/airlock-durable-probe";
    static XaDataSource database;
    static DurableDatabase bound;
    static final Map<String, String> SETTINGS = Map.of(
            Settings.STORE, "jdbc",
            Settings.STORE_DATASOURCE, DS,
            Settings.STORE_BACKOFF_INITIAL, "10ms",
            Settings.STORE_BACKOFF_MAX, "20ms",
            Settings.STORE_MAX_RETRIES, "2",
            Settings.STORE_COMPLETION_DELAY, "2s");

    /** Task targets that fail in the ways a task can: an Error, a checked exception, slowly; and one that enqueues. */
    @ApplicationScoped
    public static class Tasks {
        @Inject
        Airlock airlock;
        final List<String> ran = new CopyOnWriteArrayList<>();

        @AirlockTask
        public void throwError(String entry) {
            ran.add(entry);
            throw new CustomError("task error for " + entry);
        }

        @AirlockTask
        public void overflow(String entry) {
            ran.add(entry);
            throw new StackOverflowError("deep recursion in " + entry);
        }

        @AirlockTask
        public void throwChecked(String entry) throws IOException {
            ran.add(entry);
            throw new IOException("checked failure for " + entry);
        }

        @AirlockTask
        public void slow(String entry) throws InterruptedException {
            Thread.sleep(300);
            ran.add(entry);
        }

        List<String> ran() {
            return List.copyOf(ran);
        }

        @AirlockTask
        public void failWith(String message) {
            throw new IllegalStateException(message);
        }

        @AirlockTask
        public void ratio(double value) {
            ran.add(String.valueOf(value));
        }

        /** Throws an exception whose text cannot be read in the way {@code how} names (see {@link UnreadableFailure}). */
        @AirlockTask
        public void unreadable(String how) {
            ran.add(how);
            throw new UnreadableFailure(how);
        }

        /** Enqueues a durable child intent in a scope of its own while it runs. */
        @AirlockTask
        public void parent(String entry) {
            ran.add(entry);
            airlock.run(() -> airlock.enqueue(Ledger::record, entry + "/child"));
        }
    }

    public static class CustomError extends Error {
        CustomError(String message) {
            super(message);
        }
    }

    @ApplicationScoped
    public static class Service {
        @Inject
        Airlock airlock;
        @Inject
        Inner inner;

        /** The outer transaction's scope, with a REQUIRES_NEW call inside that commits; then the outer rolls back. */
        @Transactional
        public void outerRollsBackInnerCommits() {
            airlock.run(() -> {
                airlock.enqueue(Ledger::record, "outer");
                inner.commits("inner");
            });
            throw new IllegalStateException("outer fails");
        }

        /** The outer commits; the REQUIRES_NEW call inside (captured by the outer scope) rolls back, the caller catches it. */
        @Transactional
        public void outerCommitsInnerRollsBack() {
            airlock.run(() -> {
                airlock.enqueue(Ledger::record, "outer");
                try {
                    inner.rollsBack("inner");
                } catch (IllegalStateException expected) {
                    // the application goes on
                }
            });
        }
    }

    @ApplicationScoped
    public static class Inner {
        @Inject
        Airlock airlock;

        @Transactional(TxType.REQUIRES_NEW)
        public void commits(String entry) {
            airlock.run(() -> airlock.enqueue(Ledger::record, entry));
        }

        @Transactional(TxType.REQUIRES_NEW)
        public void rollsBack(String entry) {
            airlock.run(() -> airlock.enqueue(Ledger::record, entry));
            throw new IllegalStateException("inner fails");
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Ledger.class, Tasks.class, Service.class, Inner.class);

    @Inject
    Airlock airlock;
    @Inject
    Ledger ledger;
    @Inject
    Tasks tasks;
    @Inject
    Service service;
    @Inject
    DurableIntents durable;
    @Inject
    FailureLog failures;
    @Inject
    BeanManager beanManager;

    @BeforeAll
    static void h2() {
        database = XaDataSource.h2("durable-probe");
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
        sql("DELETE FROM AIRLOCK_INTENT");
    }

    static long rows() {
        return bound.rows();
    }

    static void sql(String statement) throws Exception {
        bound.sql(statement);
    }

    void relayUntilQuiet() throws InterruptedException {
        DurableDatabase.relayUntilQuiet(durable, Duration.ofSeconds(10));
    }

    /** A failed intent in the table: "doomed" fails every time, its retries run out. */
    StoredIntent failedIntent(String entry) throws Exception {
        ledger.failNext(entry, 1000);
        airlock.run(() -> airlock.enqueue(Ledger::record, entry));
        relayUntilQuiet();
        StoredIntent failed = durable.failed(0, 10).stream().filter(i -> i.payload().contains(entry)).findFirst().orElseThrow();
        assertEquals(IntentState.FAILED, failed.state());
        return failed;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the operations API with bad input

    @Test
    void findAndResubmitOfAnEmptyOrUnknownIdFindNothing() {
        assertEquals(java.util.Optional.empty(), durable.find(""));
        assertEquals(java.util.Optional.empty(), durable.find("no-such-intent"));
        assertEquals(java.util.Optional.empty(), durable.find("x".repeat(10_000)), "an id longer than the column finds nothing");
        assertFalse(durable.resubmit(""));
        assertFalse(durable.resubmit("no-such-intent"));
        assertFalse(durable.resubmit("' OR '1'='1"));
    }

    /** A null id: nothing has it; resubmit(null) is "no failed intent has that id" (false), or a clear NullPointerException. */
    @Test
    void aNullIdFindsNothingOrFailsClearly() throws Exception {
        StoredIntent failed = failedIntent("null-id");
        assertNullSafe("find(null)", () -> durable.find(null), java.util.Optional.empty());
        assertNullSafe("resubmit(null)", () -> durable.resubmit(null), false);
        assertEquals(IntentState.FAILED, durable.find(failed.id()).orElseThrow().state(), "left alone");
    }

    private static void assertNullSafe(String call, Supplier<Object> op, Object expected) {
        try {
            assertEquals(expected, op.get(), call);
        } catch (NullPointerException clear) {
            // a NullPointerException is a clear answer to a null argument
        }
    }

    @Test
    void anExecutorOfNoNameIsAUsageError() {
        for (String name : new String[] {null, "", " "}) {
            assertThrows(io.airlock.UsageException.class, () -> durable.executor(name), "executor(" + name + ")");
        }
    }

    /**
     * "An argument JSON-B cannot carry fails the flush (inside the transaction, which rolls back), naming the intent
     * and the argument" (docs/durability.md): nothing of the flush is written, not even its good intents, and the
     * transaction cannot commit even when the caller catches the exception.
     */
    @Test
    void anArgumentThatCannotTravelFailsTheFlushAndTheTransaction() throws Exception {
        TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        tm.begin();
        try {
            io.airlock.UndeliverableIntentException e = assertThrows(io.airlock.UndeliverableIntentException.class, () -> airlock.run(() -> {
                airlock.enqueue(Ledger::record, "good");
                airlock.enqueue(Tasks::ratio, Double.NaN);
            }));
            assertTrue(e.getMessage().contains("ratio") && e.getMessage().contains("argument 1"), e.getMessage());
            assertEquals(0, rows(), "no row of the flush is written");
            int status = tm.getStatus();
            if (status == Status.STATUS_ACTIVE) {
                tm.commit();   // the caller caught it and commits: still nothing escapes
            } else {
                assertEquals(Status.STATUS_MARKED_ROLLBACK, status);
                tm.rollback();
            }
        } finally {
            if (tm.getTransaction() != null) {
                tm.rollback();
            }
        }
        assertEquals(0, rows());
        assertEquals(List.of(), ledger.entries());
    }

    @Test
    void countOfNullIsRefusedClearly() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> durable.count(null));
        assertTrue(e instanceof NullPointerException || e instanceof IllegalArgumentException, e.toString());
    }

    @Test
    void pagesOfZeroOrHugeSizeWork() throws Exception {
        failedIntent("page");
        assertEquals(List.of(), durable.failed(0, 0), "limit 0: nothing");
        assertEquals(1, durable.failed(0, Integer.MAX_VALUE).size());
        assertEquals(List.of(), durable.failed(Integer.MAX_VALUE, 10), "an offset past the end: nothing");
        assertEquals(List.of(), durable.pending(Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertEquals(1, durable.failed(0, 1).size());
        assertEquals(List.of(), durable.failed(1, 1));
    }

    /**
     * A negative offset or limit is an argument error: IllegalArgumentException naming it (or an empty page), not an
     * SQL error of the database.
     */
    @Test
    void aNegativeOffsetOrLimitIsAnArgumentError() {
        for (int[] page : new int[][] {{-1, 10}, {0, -1}, {Integer.MIN_VALUE, Integer.MIN_VALUE}}) {
            try {
                assertEquals(List.of(), durable.pending(page[0], page[1]));
            } catch (IllegalArgumentException clear) {
                // fine
            }
        }
    }

    @Test
    void purgeCompletedOfNullIsRefusedClearly() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> durable.purgeCompleted(null));
        assertTrue(e instanceof NullPointerException || e instanceof IllegalArgumentException, e.toString());
    }

    /** A duration longer than the epoch is "older than forever": nothing is that old, nothing is purged. */
    @Test
    void purgeCompletedOlderThanForeverPurgesNothing() {
        assertEquals(0, durable.purgeCompleted(Duration.ofSeconds(Long.MAX_VALUE)));
        assertEquals(0, durable.purgeCompleted(java.time.temporal.ChronoUnit.FOREVER.getDuration()));
    }

    @Test
    void purgeCompletedLeavesPendingAndFailedIntentsAlone() throws Exception {
        failedIntent("not completed");
        ledger.failNext("pending", 1000);
        airlock.run(() -> airlock.enqueue(Ledger::record, "pending"));
        assertEquals(0, durable.purgeCompleted(Duration.ofDays(-365)), "a negative duration (a cut-off in the future) purges only COMPLETED rows");
        assertEquals(0, durable.purgeCompleted(Duration.ZERO));
        assertEquals(1, durable.count(IntentState.FAILED));
        assertEquals(1, durable.count(IntentState.PENDING));
    }

    @Test
    void resubmitOfAPendingIntentLeavesItAlone() throws Exception {
        ledger.failNext("pending", 1000);
        airlock.run(() -> airlock.enqueue(Ledger::record, "pending"));
        StoredIntent before = durable.pending(0, 10).get(0);
        assertEquals(1, before.attempts());
        assertFalse(durable.resubmit(before.id()));
        StoredIntent after = durable.find(before.id()).orElseThrow();
        assertEquals(before.attempts(), after.attempts(), "a pending intent's retries are not reset");
        assertEquals(before.nextAttemptAt(), after.nextAttemptAt());
        assertEquals(0, durable.resubmitAllFailed());
    }

    @Test
    void twoThreadsResubmittingOneFailedIntentMakeItPendingOnce() throws Exception {
        StoredIntent failed = failedIntent("contended");
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    results.add(two.submit(() -> {
                        go.await();
                        return durable.resubmit(failed.id());
                    }));
                }
                go.countDown();
                int won = 0;
                for (Future<Boolean> f : results) {
                    won += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, won, "round " + round + ": exactly one resubmission succeeds");
                sql("UPDATE AIRLOCK_INTENT SET STATE = 'FAILED' WHERE ID = '" + failed.id() + "'");
            }
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void aResubmittedIntentStartsItsRetriesAnewAndKeepsItsHistory() throws Exception {
        StoredIntent failed = failedIntent("again");
        assertEquals(3, failed.history().size());
        assertEquals(3, failed.attempts());
        assertTrue(durable.resubmit(failed.id()));
        StoredIntent pending = durable.find(failed.id()).orElseThrow();
        assertEquals(0, pending.attempts());
        assertEquals(3, pending.history().size());
        assertNull(pending.leaseOwner());
        relayUntilQuiet();
        StoredIntent again = durable.find(failed.id()).orElseThrow();
        assertEquals(IntentState.FAILED, again.state());
        assertEquals(6, again.history().size(), "three more attempts after the resubmission: " + again.history());
        assertEquals(List.of(1, 2, 3, 4, 5, 6), again.history().stream().map(Attempt::number).toList());
    }

    /**
     * An intent with more failed attempts than a row keeps (50): the history holds the last 50, each numbered as the
     * attempt it was, and each DispatchFailure's attempt() counts on from 1 (docs/durability.md, "Operations").
     */
    @Test
    void pastFiftyAttemptsTheHistoryAndTheFailureEventsStillNumberEachAttempt() throws Exception {
        ledger.failNext("sixty", 1000);
        airlock.run(() -> airlock.options(DispatchOptions.builder().maxRetries(59).build()).enqueue(Ledger::record, "sixty"));
        relayUntilQuiet();
        StoredIntent failed = durable.failed(0, 1).get(0);
        assertEquals(60, failed.attempts());
        assertEquals(50, failed.history().size(), "a row keeps its last 50 attempts");
        List<Integer> expected = new ArrayList<>();
        for (int n = 11; n <= 60; n++) {
            expected.add(n);
        }
        assertEquals(expected, failed.history().stream().map(Attempt::number).toList());
        List<Integer> reported = failures.failures().stream().map(DispatchFailure::attempt).toList();
        assertEquals(60, reported.size());
        assertEquals(60, reported.get(59), "the last failure event is attempt 60: " + reported.subList(45, 60));
    }

    /** "each error cut at 2,000 characters" (docs/durability.md): at most 2,000, and still valid text (no half of a surrogate pair). */
    @Test
    void anErrorIsCutAtTwoThousandCharactersWithoutSplittingACharacter() throws Exception {
        airlock.run(() -> airlock.options(DispatchOptions.builder().maxRetries(0).build()).enqueue(Tasks::failWith, "x".repeat(1998 - "java.lang.IllegalStateException: ".length()) + "\uD83D\uDE00".repeat(10)));
        String error = durable.failed(0, 1).get(0).lastError().orElseThrow();
        assertTrue(error.length() <= 2000, "length " + error.length());
        for (int i = 0; i < error.length(); i++) {
            char c = error.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertTrue(i + 1 < error.length() && Character.isLowSurrogate(error.charAt(i + 1)), "unpaired high surrogate at " + i + " of " + error.length());
                i++;
            } else {
                assertFalse(Character.isLowSurrogate(c), "unpaired low surrogate at " + i);
            }
        }
    }

    @Test
    void oldestPendingIsTheCreationOfTheOldestPendingIntentOnly() throws Exception {
        assertEquals(java.util.Optional.empty(), durable.oldestPending());
        failedIntent("failed, not pending");
        assertEquals(java.util.Optional.empty(), durable.oldestPending(), "a failed intent is not pending");
        ledger.failNext("waiting", 1000);
        java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        airlock.run(() -> airlock.enqueue(Ledger::record, "waiting"));
        java.time.Instant oldest = durable.oldestPending().orElseThrow();
        assertFalse(oldest.isBefore(before), oldest + " before " + before);
        assertFalse(oldest.isAfter(java.time.Instant.now()));
    }

    @Test
    void maxRetriesZeroFailsAfterOneAttemptWithoutARetry() throws Exception {
        ledger.failNext("once", 1000);
        airlock.run(() -> airlock.options(DispatchOptions.builder().maxRetries(0).build()).enqueue(Ledger::record, "once"));
        StoredIntent failed = durable.failed(0, 10).get(0);
        assertEquals(1, failed.history().size());
        assertEquals(0, failed.maxRetries());
        DispatchFailure f = failures.failures().get(0);
        assertFalse(f.willRetry());
        assertNull(f.nextAttemptAt());
        assertEquals(1, f.attempt());
        relayUntilQuiet();
        assertEquals(1, durable.find(failed.id()).orElseThrow().history().size(), "never retried");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // tasks that fail in every way

    /**
     * A task that throws an Error after the commit: "a failure after the commit never reaches the caller", "a failing
     * intent does not stop the others of its flush", it is recorded, retried by the relay and kept as FAILED.
     */
    @Test
    void aTaskThatThrowsAnErrorAfterTheCommitIsRecordedRetriedAndDoesNotStopTheOthers() throws Exception {
        TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        tm.begin();
        airlock.run(() -> {
            airlock.enqueue(Tasks::throwError, "error");
            airlock.enqueue(Tasks::overflow, "overflow");
            airlock.enqueue(Ledger::record, "after the errors");
        });
        tm.commit();   // no exception for the caller
        System.out.println("PROBE after commit: pending " + durable.pending(0, 10) + " leases " + durable.pending(0, 10).stream()
                .map(i -> i.leaseOwner() + " until " + i.leaseUntil() + " history " + i.history()).toList() + " failures " + failures.failures());
        assertEquals(List.of("after the errors"), ledger.entries(), "the failing intents do not stop the one after them");
        List<DispatchFailure> reported = failures.failures();
        assertEquals(2, reported.size(), "each failure is reported: " + reported);
        relayUntilQuiet();
        assertEquals(2, durable.count(IntentState.FAILED), "kept as FAILED once their retries ran out");
        assertTrue(durable.failed(0, 10).stream().allMatch(i -> i.history().size() == 3), durable.failed(0, 10).toString());
    }

    /** Outside a transaction the row is written in a transaction of its own, then dispatched: a task's Error must not reach the caller. */
    @Test
    void outsideATransactionATaskErrorDoesNotReachTheCallerAndIsRecorded() throws Exception {
        try {
            airlock.run(() -> airlock.enqueue(Tasks::throwError, "own-tx-error"));
        } catch (Error e) {
            throw new AssertionError("the caller got the task's error after its row was written: " + durable.pending(0, 10)
                    + durable.pending(0, 10).stream().map(StoredIntent::leaseOwner).toList(), e);
        }
        StoredIntent row = durable.find(durable.pending(0, 1).get(0).id()).orElseThrow();
        assertEquals(1, row.history().size(), row.history().toString());
        assertEquals(1, failures.failures().size());
    }

    /** Dispatched by the relay: a task's Error must not escape relayNow() nor leave the row leased; it is recorded and ends FAILED. */
    @Test
    void onTheRelayATaskErrorIsRecordedAsAFailedAttemptAndEndsFailed() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        io.airlock.TaskMethod method = new io.airlock.TaskMethod(Tasks.class, Tasks.class, "throwError", List.of(String.class));
        String body = io.airlock.internal.jms.IntentCodec.encode(io.airlock.Intent.builder(method, List.of("relay-error")).id("relay-error").build());
        io.airlock.store.jdbc.JdbcIntentStore.open(database, "AIRLOCK_INTENT", false).save(List.of(new StoredIntent("relay-error", "throwError",
                "sync", body, IntentState.PENDING, 0, 2, now, now, null, null, null, List.of())));
        try {
            relayUntilQuiet();
        } catch (Error e) {
            throw new AssertionError("relayNow() threw the task's error; the row: " + durable.find("relay-error").map(i -> i.state() + " leased to "
                    + i.leaseOwner() + ", " + i.history().size() + " attempts recorded").orElse("gone"), e);
        }
        StoredIntent row = durable.find("relay-error").orElseThrow();
        assertEquals(IntentState.FAILED, row.state(), row.toString());
        assertEquals(3, row.history().size());
        assertTrue(row.lastError().orElseThrow().contains("task error for relay-error"), row.history().toString());
    }

    /**
     * A task's exception whose text cannot be read is recorded, reported and retried like any other, by its class:
     * the others of its flush are dispatched, each attempt is in the history, and the relay ends it FAILED.
     */
    @ParameterizedTest
    @FieldSource("io.airlock.fixtures.UnreadableFailure#WAYS")
    void aTaskExceptionWhoseTextCannotBeReadIsRecordedRetriedAndEndsFailed(String how) throws Exception {
        TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        tm.begin();
        airlock.run(() -> {
            airlock.enqueue(Tasks::unreadable, how);
            airlock.enqueue(Ledger::record, "after " + how);
        });
        tm.commit();   // no exception for the caller

        assertEquals(List.of("after " + how), ledger.entries(), "the failing intent does not stop the one after it");
        assertEquals(1, failures.failures().size(), "the failure is reported");
        assertTrue(failures.failures().get(0).cause() instanceof UnreadableFailure, failures.failures().toString());
        StoredIntent row = durable.pending(0, 10).get(0);
        assertEquals(1, row.history().size(), "the attempt is recorded: " + row);
        assertTrue(row.lastError().orElseThrow().startsWith(UnreadableFailure.class.getName()), row.lastError().orElseThrow());

        relayUntilQuiet();
        StoredIntent failed = durable.find(row.id()).orElseThrow();
        assertEquals(IntentState.FAILED, failed.state(), failed + " " + failed.history());
        assertEquals(3, failed.history().size(), failed.history().toString());
        assertEquals(3, tasks.ran().size());
    }

    /**
     * A dispatch that outlasts its lease: this instance's relay claims the row again (renewing the lease) but does not
     * dispatch it a second time beside the first, and the first's late failure then releases a row no one else runs.
     * Before, the second run started at once, and the first's failure freed the row for a third run while the
     * second still held a live lease.
     */
    @Test
    void oneInstanceNeverDispatchesARowTwiceAtOnceWhenItsDispatchOutlastsTheLease() throws Exception {
        io.airlock.internal.jms.TaskRegistry registry = beanManager.getExtension(io.airlock.internal.cdi.AirlockExtension.class).tasks();
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        io.airlock.IntentExecutor slowThenFine = intent -> {
            int run = runs.incrementAndGet();
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                if (run == 1) {
                    Thread.sleep(700);   // outlasts the 300 ms lease twice over, then fails
                    throw new IllegalStateException("the first run fails late");
                }
            } finally {
                running.decrementAndGet();
            }
        };
        StoreSettings settings = StoreSettings.defaults(DS, "AIRLOCK_INTENT").withLease(Duration.ofMillis(300)).withCompletionDelay(Duration.ZERO)
                .withRetry(Duration.ofMillis(10), Duration.ofMillis(10)).withMaxRetries(5);
        ExecutorService workers = Executors.newCachedThreadPool();
        try {
            Durability relay = new Durability(() -> io.airlock.store.jdbc.JdbcIntentStore.open(database, "AIRLOCK_INTENT", false), settings,
                    name -> slowThenFine, () -> registry, java.time.Clock.systemUTC());
            relay.dispatchOn(workers);
            io.airlock.TaskMethod record = new io.airlock.TaskMethod(Ledger.class, Ledger.class, "record", List.of(String.class));
            java.time.Instant now = java.time.Instant.now();
            relay.store().save(List.of(new StoredIntent("outlasting", "record", "slow", io.airlock.internal.jms.IntentCodec.encode(
                    io.airlock.Intent.builder(record, List.of("outlasting")).id("outlasting").build()), IntentState.PENDING, 0, 5, now, now,
                    null, null, null, List.of())));
            long end = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < end && (runs.get() < 2 || running.get() > 0 || relay.find("outlasting").isPresent())) {
                relay.relayNow();
                Thread.sleep(20);
            }
        } finally {
            workers.shutdown();
            assertTrue(workers.awaitTermination(5, TimeUnit.SECONDS));
        }
        assertEquals(1, mostAtOnce.get(), "never two runs of one row at once");
        assertEquals(2, runs.get(), "the late failure, then one retry that completes");
        assertEquals(0, rows());
    }

    @Test
    void aTaskThatThrowsACheckedExceptionIsRecordedWithItsClassAndRetried() throws Exception {
        airlock.run(() -> airlock.enqueue(Tasks::throwChecked, "checked"));
        relayUntilQuiet();
        StoredIntent failed = durable.failed(0, 10).get(0);
        assertEquals(3, failed.history().size());
        assertTrue(failed.lastError().orElseThrow().startsWith("java.io.IOException: checked failure for checked"), failed.lastError().orElseThrow());
        assertEquals(3, tasks.ran().size());
    }

    /** A slow task holds the committing thread (sync), then completes; the relay in another thread leaves its live lease alone. */
    @Test
    void aSlowTaskCompletesAndTheRelayLeavesItsLiveLeaseAlone() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> flush = other.submit(() -> airlock.run(() -> airlock.enqueue(Tasks::slow, "slow")));
            Thread.sleep(100);
            assertEquals(0, durable.relayNow(), "the slow task's row is leased to its dispatch");
            flush.get(10, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
        assertEquals(List.of("slow"), tasks.ran());
        assertEquals(0, durable.count(IntentState.PENDING));
        assertEquals(0, rows());
    }

    @Test
    void aTaskThatEnqueuesDurableIntentsWhileItRunsHasThemWrittenAndDispatched() throws Exception {
        TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        tm.begin();
        airlock.run(() -> airlock.enqueue(Tasks::parent, "p1"));
        tm.commit();
        assertEquals(List.of("p1"), tasks.ran());
        assertEquals(List.of("p1/child"), ledger.entries(), "the child, written in a transaction of its own, dispatched");
        assertEquals(0, rows());

        // and when the relay runs the parent (its first dispatch failed)
        ledger.failNext("p2/child", 1);
        airlock.run(() -> airlock.enqueue(Tasks::parent, "p2"));
        relayUntilQuiet();
        assertEquals(List.of("p1", "p2"), tasks.ran());
        assertEquals(List.of("p1/child", "p2/child"), ledger.entries());
        assertEquals(0, rows());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the transaction at flush

    @Test
    void requiresNewInsideARolledBackTransactionFollowsItsOwnCommit() {
        assertThrows(IllegalStateException.class, service::outerRollsBackInnerCommits);
        assertEquals(List.of("inner"), ledger.entries(), "the REQUIRES_NEW transaction committed: its intent escapes, the outer's does not");
        assertEquals(0, rows());
    }

    @Test
    void aRolledBackRequiresNewTransactionsIntentIsDroppedEvenWhenTheOuterScopeFlushesItInACommittedOne() {
        service.outerCommitsInnerRollsBack();
        assertEquals(List.of("outer"), ledger.entries(), "the intent of the rolled-back REQUIRES_NEW transaction never escapes");
        assertEquals(0, rows());
    }

    /**
     * An intent enqueued in transaction T1, whose scope flushes while T1 is suspended (no transaction on the thread):
     * T1 then rolls back. "An intent enqueued inside a transaction escapes only if that transaction commits, whatever
     * scope buffers it and whenever that scope flushes" (docs/jakarta-ee.md).
     */
    @Test
    void anIntentOfASuspendedTransactionThatRollsBackNeverEscapes() throws Exception {
        TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        tm.begin();
        Transaction[] t1 = new Transaction[1];
        airlock.run(() -> {
            airlock.enqueue(Ledger::record, "of T1");
            t1[0] = tm.suspend();
        });
        tm.resume(t1[0]);
        tm.rollback();
        assertEquals(List.of(), ledger.entries(), "T1 rolled back: its intent must not be dispatched");
        assertEquals(0, rows(), "nor kept");
    }

    /** The same, flushed while another transaction T2 is active and commits; T1 then rolls back. */
    @Test
    void anIntentOfASuspendedTransactionFlushedInAnotherOneFollowsItsOwnTransaction() throws Exception {
        TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        tm.begin();
        Transaction[] t1 = new Transaction[1];
        airlock.run(() -> {
            airlock.enqueue(Ledger::record, "of T1");
            t1[0] = tm.suspend();
            tm.begin();   // T2: the flush happens in it
        });
        tm.commit();      // T2 commits
        tm.resume(t1[0]);
        tm.rollback();    // T1 rolls back
        assertEquals(List.of(), ledger.entries(), "T1 rolled back: its intent must not be dispatched");
        assertEquals(0, rows(), "nor kept");
    }

    /** The transaction marked rollback-only by a timeout of the reaper, still on the thread at flush: nothing written, nothing fails. */
    @Test
    void aTransactionMarkedRollbackOnlyThenCommittedByTheCallerLeavesNoRow() throws Exception {
        TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        tm.begin();
        airlock.run(() -> {
            airlock.enqueue(Ledger::record, "doomed");
            tm.setRollbackOnly();
            assertEquals(Status.STATUS_MARKED_ROLLBACK, tm.getStatus());
        });
        assertThrows(jakarta.transaction.RollbackException.class, tm::commit);
        assertEquals(0, rows());
        assertEquals(List.of(), ledger.entries());
        assertEquals(List.of(), failures.failures());
    }

    /** A commit that fails in the database (a deferred constraint, here a resource voting no) leaves no row and dispatches nothing. */
    @Test
    void aCommitThatFailsAtPrepareDispatchesNothing() throws Exception {
        TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        tm.begin();
        airlock.run(() -> airlock.enqueue(Ledger::record, "vetoed"));
        tm.getTransaction().enlistResource(new VetoingResource());
        assertThrows(jakarta.transaction.RollbackException.class, tm::commit);
        assertEquals(0, rows());
        assertEquals(List.of(), ledger.entries());
    }

    /** An XA resource whose prepare votes to roll back. */
    static final class VetoingResource extends io.airlock.cdi.fixtures.InertXaResource {
        @Override
        public int prepare(javax.transaction.xa.Xid xid) throws javax.transaction.xa.XAException {
            throw new javax.transaction.xa.XAException(javax.transaction.xa.XAException.XA_RBROLLBACK);
        }
    }
}
