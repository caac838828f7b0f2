package io.airlock.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.UsageException;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.InertXaResource;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.cdi.fixtures.RecordingMailer;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Invariant 11 for every status a JTA transaction associated with the thread can have, each reached for real
 * in Narayana: by its transaction reaper (a timed-out transaction rolled back while the thread still holds
 * it), by {@code setRollbackOnly}, and from inside an enlisted {@link XAResource}'s prepare, commit and
 * rollback and a synchronization's {@code afterCompletion}. An intent enqueued while such a transaction is
 * associated escapes only if that transaction commits: it is dropped, or enqueue fails naming the status;
 * never "no transaction, dispatch now". {@code JtaTransactionSupportStatusTest} covers the statuses Narayana
 * does not show to a callback (prepared, unknown, undefined values).
 */
@ExtendWith(WeldJunit5Extension.class)
class TransactionStatusTest {

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator();

    @Inject
    Airlock airlock;
    @Inject
    Recorder recorder;

    private final TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();

    @AfterEach
    void noTransactionLeftOnTheThread() throws Exception {
        tm.setTransactionTimeout(0);
        if (tm.getTransaction() != null) {
            tm.rollback();
        }
    }

    // ------------------------------------------------------------ the transaction reaper

    @Test
    void aTimedOutTransactionRolledBackByTheReaperLetsNothingEscape() throws Exception {
        tm.setTransactionTimeout(1);
        tm.begin();
        awaitStatus(Status.STATUS_ROLLEDBACK);
        airlock.run(() -> airlock.enqueue(RecordingMailer::send, "timed out"));
        assertEquals(List.of(), recorder.calls(), "the task ran although its transaction had rolled back");
        assertThrows(RollbackException.class, tm::commit);
        assertEquals(List.of(), recorder.calls());
    }

    @Test
    void aTimedOutTransactionDropsWhatWasEnqueuedBeforeAndAfterTheTimeout() throws Exception {
        airlock.run(() -> {
            tm.setTransactionTimeout(1);
            tm.begin();
            airlock.enqueue(RecordingMailer::send, "before the timeout");
            awaitStatus(Status.STATUS_ROLLEDBACK);
            airlock.enqueue(RecordingMailer::send, "after the timeout");
            airlock.run(() -> airlock.enqueue(RecordingMailer::send, "in a scope after the timeout"));
            assertThrows(RollbackException.class, tm::commit);
            airlock.enqueue(RecordingMailer::send, "no transaction");
        });
        assertEquals(List.of("send(no transaction)"), recorder.calls());
    }

    @Test
    void aTimedOutTransactionWithAScopeOpenedBeforeTheTimeoutAndFlushedAfterItLetsNothingEscape() throws Exception {
        tm.setTransactionTimeout(1);
        tm.begin();
        airlock.run(() -> {
            airlock.enqueue(RecordingMailer::send, "queued");
            awaitStatus(Status.STATUS_ROLLEDBACK);
        });
        assertThrows(RollbackException.class, tm::commit);
        assertEquals(List.of(), recorder.calls());
    }

    /** The report's scenario, on many threads at once: every transaction the reaper rolled back keeps its intents. */
    @Test
    void manyTimedOutTransactionsAtOnceLetNoIntentEscape() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String who = "t" + i;
                outcomes.add(pool.submit(() -> {
                    tm.setTransactionTimeout(1);
                    tm.begin();
                    awaitStatus(Status.STATUS_ROLLEDBACK);
                    for (int n = 0; n < 10; n++) {
                        int k = n;
                        airlock.run(() -> airlock.enqueue(RecordingMailer::send, who + "-" + k));
                    }
                    try {
                        tm.commit();
                        return true;
                    } catch (RollbackException expected) {
                        return false;
                    } finally {
                        tm.setTransactionTimeout(0);
                    }
                }));
            }
            for (Future<Boolean> outcome : outcomes) {
                assertEquals(false, outcome.get(30, TimeUnit.SECONDS), "every transaction timed out");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), recorder.calls(), "intents of rolled-back transactions escaped");
    }

    // ------------------------------------------------------------ marked rollback-only

    @Test
    void markedRollbackOnlyDropsWhatItsScopesFlush() throws Exception {
        tm.begin();
        tm.setRollbackOnly();
        assertEquals(Status.STATUS_MARKED_ROLLBACK, tm.getStatus());
        airlock.run(() -> airlock.enqueue(RecordingMailer::send, "doomed"));
        tm.rollback();
        assertEquals(List.of(), recorder.calls());
    }

    @Test
    void markedRollbackOnlyAfterAnEnqueueDropsBothWhenTheyWaitForTheOutcome() throws Exception {
        airlock.run(() -> {
            tm.begin();
            airlock.enqueue(RecordingMailer::send, "before the mark");
            tm.setRollbackOnly();
            airlock.enqueue(RecordingMailer::send, "after the mark");
            tm.rollback();
        });
        assertEquals(List.of(), recorder.calls());
    }

    // ------------------------------------------------------------ from inside the completion

    @Test
    void enqueueWhileTheTransactionPreparesWithoutAnEarlierIntentFailsNamingTheStatus() throws Exception {
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        tm.begin();
        enlist(new Callback("prepare", status -> enqueueIn(status, "preparing", failures)));
        enlist(new Callback("other", status -> { }));
        tm.commit();
        assertEquals(1, failures.size(), "enqueue during prepare must fail clearly: " + failures);
        assertTrue(failures.get(0) instanceof UsageException, String.valueOf(failures.get(0)));
        assertTrue(failures.get(0).getMessage().contains("preparing"), failures.get(0).getMessage());
        assertTrue(failures.get(0).getMessage().contains("send"), "names the task: " + failures.get(0).getMessage());
        assertEquals(List.of(), recorder.calls());
    }

    /** A scope opened before the transaction and flushed from inside its prepare: the failure names what was not dispatched. */
    @Test
    void aFlushWhileTheTransactionPreparesFailsNamingTheIntentsAndTheStatus() throws Exception {
        for (int count : new int[] {1, 7}) {
            recorder.clear();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            io.airlock.Scope scope = airlock.scope().open();
            for (int i = 0; i < count; i++) {
                airlock.enqueue(RecordingMailer::send, "before the transaction " + i);
            }
            tm.begin();
            enlist(new Callback("prepare", status -> {
                scope.exit();
                try {
                    scope.flush();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }));
            enlist(new Callback("other", status -> { }));
            tm.commit();
            assertEquals(1, failures.size(), "a flush during prepare must fail clearly: " + failures);
            String message = failures.get(0).getMessage();
            assertTrue(failures.get(0) instanceof UsageException, String.valueOf(failures.get(0)));
            assertTrue(message.contains("preparing"), message);
            assertTrue(message.contains(count + " intent(s)") && message.contains("send(\"before the transaction 0\")"), message);
            assertTrue(count <= 5 || message.contains("and " + (count - 5) + " more"), message);
            assertEquals(List.of(), recorder.calls());
        }
    }

    @Test
    void enqueueWhileTheTransactionCommitsWithoutAnEarlierIntentFailsNamingTheStatus() throws Exception {
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        tm.begin();
        enlist(new Callback("commit", status -> enqueueIn(status, "committing", failures)));
        enlist(new Callback("other", status -> { }));
        tm.commit();
        assertEquals(1, failures.size(), "enqueue during commit must fail clearly: " + failures);
        assertTrue(failures.get(0).getMessage().contains("committing"), failures.get(0).getMessage());
        assertEquals(List.of(), recorder.calls());
    }

    @Test
    void enqueueWhileTheTransactionCompletesJoinsItsEarlierIntentsAndFollowsTheOutcome() throws Exception {
        for (String phase : List.of("prepare", "commit")) {
            recorder.clear();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            airlock.run(() -> {
                tm.begin();
                airlock.enqueue(RecordingMailer::send, "early");
                enlist(new Callback(phase, status -> enqueueIn(status, "late in " + phase, failures)));
                enlist(new Callback("other", status -> { }));
                tm.commit();
            });
            assertEquals(List.of(), failures, phase);
            assertEquals(List.of("send(early)", "send(late in " + phase + ")"), recorder.calls(), phase);
        }
    }

    @Test
    void enqueueWhileTheTransactionRollsBackIsDropped() throws Exception {
        for (boolean earlier : new boolean[] {false, true}) {
            recorder.clear();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
            airlock.run(() -> {
                tm.begin();
                if (earlier) {
                    airlock.enqueue(RecordingMailer::send, "early");
                }
                enlist(new Callback("rollback", status -> {
                    seen.add(status);
                    enqueueIn(status, "late", failures);
                }));
                tm.rollback();
            });
            assertEquals(List.of(Status.STATUS_ROLLING_BACK), seen, "the status a resource sees while the transaction rolls back");
            assertEquals(List.of(), failures);
            assertEquals(List.of(), recorder.calls(), "earlier intent: " + earlier);
        }
    }

    @Test
    void enqueueAfterACommitWhileTheTransactionIsStillAssociatedEscapes() throws Exception {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        tm.begin();
        tm.getTransaction().registerSynchronization(afterCompletion(status -> {
            seen.add(statusOnThread());
            airlock.run(() -> airlock.enqueue(RecordingMailer::send, "after commit"));
        }));
        tm.commit();
        assertEquals(List.of(Status.STATUS_COMMITTED), seen);
        assertEquals(List.of("send(after commit)"), recorder.calls());
    }

    /**
     * A rollback by the application: its synchronizations run on its thread, the transaction still associated.
     * (The reaper runs them on its own thread, with no transaction associated: nothing airlock can see there.)
     */
    @Test
    void enqueueAfterARollbackWhileTheTransactionIsStillAssociatedIsDropped() throws Exception {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        tm.begin();
        tm.getTransaction().registerSynchronization(afterCompletion(status -> {
            seen.add(statusOnThread());
            airlock.run(() -> airlock.enqueue(RecordingMailer::send, "after rollback"));
        }));
        tm.rollback();
        assertEquals(List.of(Status.STATUS_ROLLEDBACK), seen);
        assertEquals(List.of(), recorder.calls());
    }

    // ------------------------------------------------------------ helpers

    private void enqueueIn(int status, String to, List<Throwable> failures) {
        try {
            airlock.run(() -> airlock.enqueue(RecordingMailer::send, to));
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private void enlist(XAResource resource) throws Exception {
        tm.getTransaction().enlistResource(resource);
    }

    private int statusOnThread() {
        try {
            return tm.getStatus();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitStatus(int status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (statusOnThread() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the transaction never reached status " + status + "; it is " + statusOnThread());
            }
            Thread.sleep(20);
        }
    }

    private static Synchronization afterCompletion(IntConsumer action) {
        return new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.accept(status);
            }
        };
    }

    /** An XA resource that calls back, with the transaction's status on this thread, in one phase of the two-phase commit. */
    private final class Callback extends InertXaResource {
        private final String phase;
        private final IntConsumer action;

        Callback(String phase, IntConsumer action) {
            this.phase = phase;
            this.action = action;
        }

        private void at(String now) {
            if (phase.equals(now)) {
                action.accept(statusOnThread());
            }
        }

        @Override
        public int prepare(Xid xid) {
            at("prepare");
            return XA_OK;
        }

        @Override
        public void commit(Xid xid, boolean onePhase) {
            at("commit");
        }

        @Override
        public void rollback(Xid xid) {
            at("rollback");
        }

        @Override
        public String toString() {
            return "callback in " + phase;
        }
    }
}
