package io.airlock.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.DispatchFailure;
import io.airlock.Intent;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.FailureLog;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.cdi.fixtures.RecordingMailer;
import io.airlock.spi.TransactionBinding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.ArrayList;
import java.util.List;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Invariants 10 and 11 with a real transaction manager (Narayana) and its {@code @Transactional} interceptors. */
@ExtendWith(WeldJunit5Extension.class)
class TransactionBoundDispatchTest {

    @ApplicationScoped
    public static class Checkout {
        @Inject
        Airlock airlock;
        @Inject
        TransactionSynchronizationRegistry registry;
        @Inject
        NewTransaction newTransaction;

        @Transactional
        public void scopeInsideTransaction(String to) {
            airlock.run(() -> airlock.enqueue(RecordingMailer::send, to));
        }

        @Transactional
        public void scopeInsideTransactionThenFail(String to) {
            airlock.run(() -> airlock.enqueue(RecordingMailer::send, to));
            throw new IllegalStateException("payment declined");
        }

        @Transactional
        public void scopeInsideTransactionThenRollbackOnly(String to) {
            airlock.run(() -> airlock.enqueue(RecordingMailer::send, to));
            registry.setRollbackOnly();
        }

        @Transactional
        public void enqueue(String to) {
            airlock.enqueue(RecordingMailer::send, to);
        }

        @Transactional
        public void scopeWithTransactionalTask(String what) {
            airlock.run(() -> airlock.enqueue(TransactionalTask::store, what));
        }

        @Transactional
        public void enqueueThenFail(String to) {
            airlock.enqueue(RecordingMailer::send, to);
            throw new IllegalStateException("payment declined");
        }

        @Transactional
        public void enqueueThenRollbackOnly(String to) {
            airlock.enqueue(RecordingMailer::send, to);
            registry.setRollbackOnly();
        }

        @Transactional
        public void requiresNewInsideRolledBack() {
            airlock.enqueue(RecordingMailer::send, "outer");
            newTransaction.enqueue("inner");
            registry.setRollbackOnly();
        }

        @Transactional
        public void scopeAroundRequiresNewInsideRolledBack() {
            airlock.run(() -> {
                airlock.enqueue(RecordingMailer::send, "outer");
                newTransaction.enqueue("inner");
                airlock.enqueue(RecordingMailer::send, "outer again");
            });
            registry.setRollbackOnly();
        }

        @Transactional
        public void enqueueInBeforeCompletion(String to, boolean enqueueFirst) {
            if (enqueueFirst) {
                airlock.enqueue(RecordingMailer::send, "first");
            }
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    airlock.enqueue(RecordingMailer::send, to);
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
        }

        @Transactional
        public List<Intent> many(int count) {
            List<Intent> intents = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                intents.add(airlock.enqueue(RecordingMailer::send, "n" + i));
            }
            return intents;
        }

        @Transactional
        public Intent rollbackOnlyThenEnqueue() {
            registry.setRollbackOnly();
            return airlock.enqueue(RecordingMailer::send, "never");
        }

        @Transactional
        public void crashingTaskInsideScope() {
            airlock.run(() -> {
                airlock.enqueue(RecordingMailer::send, "first");
                airlock.enqueue(RecordingMailer::crash, "com/example/SmtpClient");
                airlock.enqueue(RecordingMailer::send, "never");
            });
        }

        @Transactional
        public void failingTaskInsideScope() {
            airlock.run(() -> {
                airlock.enqueue(RecordingMailer::send, "first");
                airlock.enqueue(RecordingMailer::fail, "smtp down");
                airlock.enqueue(RecordingMailer::send, "never");
            });
        }
    }

    /** A task that needs a transaction of its own, as one that writes to the database does. */
    @ApplicationScoped
    public static class TransactionalTask {
        @Inject
        Recorder recorder;
        @Inject
        TransactionSynchronizationRegistry registry;

        @Transactional
        public void store(String what) {
            recorder.record("store(" + what + ") in " + (registry.getTransactionStatus() == jakarta.transaction.Status.STATUS_ACTIVE ? "an active" : "no")
                    + " transaction");
        }
    }

    @ApplicationScoped
    public static class NewTransaction {
        @Inject
        Airlock airlock;

        @Transactional(TxType.REQUIRES_NEW)
        public void enqueue(String to) {
            airlock.enqueue(RecordingMailer::send, to);
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Checkout.class, NewTransaction.class, TransactionalTask.class);

    @Inject
    Airlock airlock;
    @Inject
    Checkout checkout;
    @Inject
    Recorder recorder;
    @Inject
    FailureLog failureLog;

    @Test
    void aScopeFlushedInsideATransactionDispatchesAfterCommit() {
        checkout.scopeInsideTransaction("a@b.c");
        assertEquals(List.of("send(a@b.c)"), recorder.calls(), "dispatched once, after commit (not inside the transaction)");
    }

    @Test
    void aTaskDispatchedAfterCommitCanStartItsOwnTransaction() {
        checkout.scopeWithTransactionalTask("row");
        assertEquals(List.of("store(row) in an active transaction"), recorder.calls());
    }

    @Test
    void aRollbackByExceptionDropsTheBatch() {
        assertThrows(IllegalStateException.class, () -> checkout.scopeInsideTransactionThenFail("a@b.c"));
        assertEquals(List.of(), recorder.calls());
    }

    @Test
    void setRollbackOnlyDropsTheBatchWithoutAnException() {
        checkout.scopeInsideTransactionThenRollbackOnly("a@b.c");
        assertEquals(List.of(), recorder.calls());
    }

    @Test
    void aCommittedTransactionInsideAScopeEscapesWhenTheScopeFlushes() {
        airlock.run(() -> {
            checkout.enqueue("x");
            assertEquals(List.of(), recorder.calls(), "the commit alone does not dispatch: the scope decides when");
        });
        assertEquals(List.of("send(x)"), recorder.calls());
    }

    @Test
    void aScopeThatCatchesAFailedTransactionStillDropsItsIntents() {
        airlock.run(() -> {
            airlock.enqueue(RecordingMailer::send, "before");
            assertThrows(IllegalStateException.class, () -> checkout.enqueueThenFail("doomed"));
            airlock.enqueue(RecordingMailer::send, "apology");
        });
        assertEquals(List.of("send(before)", "send(apology)"), recorder.calls());
    }

    @Test
    void aScopeAroundARollbackOnlyTransactionDropsItsIntents() {
        airlock.run(() -> {
            checkout.enqueueThenRollbackOnly("doomed");
            airlock.enqueue(RecordingMailer::send, "after");
        });
        assertEquals(List.of("send(after)"), recorder.calls());
    }

    @Test
    void requiresNewFollowsItsOwnTransaction() {
        airlock.run(checkout::requiresNewInsideRolledBack);
        assertEquals(List.of("send(inner)"), recorder.calls());
    }

    @Test
    void requiresNewFollowsItsOwnTransactionEvenWhenTheBatchWaitsForTheOuterOne() {
        checkout.scopeAroundRequiresNewInsideRolledBack();
        assertEquals(List.of("send(inner)"), recorder.calls());
    }

    @Test
    void anIntentEnqueuedInBeforeCompletionIsStillHandled() {
        airlock.run(() -> checkout.enqueueInBeforeCompletion("late", true));
        assertEquals(List.of("send(first)", "send(late)"), recorder.calls());
    }

    @Test
    void anIntentEnqueuedFirstInBeforeCompletionIsStillHandled() {
        airlock.run(() -> checkout.enqueueInBeforeCompletion("late", false));
        assertEquals(List.of("send(late)"), recorder.calls());
    }

    @Test
    void oneSynchronizationServesTheWholeTransaction() {
        List<Intent> intents = airlock.call(() -> checkout.many(50));
        TransactionBinding binding = intents.get(0).transaction().orElseThrow();
        for (Intent intent : intents) {
            assertSame(binding, intent.transaction().orElseThrow());
        }
        assertEquals(TransactionBinding.Status.COMMITTED, binding.status());
        assertEquals(50, recorder.calls().size());
    }

    @Test
    void aTransactionThatRefusesSynchronizationsGetsNothingDispatched() {
        Intent intent = airlock.call(checkout::rollbackOnlyThenEnqueue);
        assertEquals(TransactionBinding.Status.ROLLED_BACK, intent.transaction().orElseThrow().status());
        assertEquals(List.of(), recorder.calls());
    }

    @Test
    void aFailureAfterCommitIsReportedAsAnEventNamingWhatWasNotAttempted() {
        checkout.failingTaskInsideScope(); // nobody can catch it after commit: no exception here
        assertEquals(List.of("send(first)", "fail(smtp down)"), recorder.calls());
        assertEquals(1, failureLog.failures().size());
        DispatchFailure failure = failureLog.failures().get(0);
        assertEquals("fail(\"smtp down\")", failure.failed().toString());
        assertEquals(List.of("send(\"first\")"), failure.dispatched().stream().map(Intent::toString).toList());
        assertEquals(List.of("send(\"never\")"), failure.notAttempted().stream().map(Intent::toString).toList());
        assertTrue(failure.afterCompletion());
        assertEquals("smtp down", failure.cause().getMessage());
    }

    /** An Error after the commit is reported as a failure is; the commit itself has happened and returns. */
    @Test
    void anErrorAfterCommitIsReportedAsAnEventToo() {
        checkout.crashingTaskInsideScope();
        assertEquals(List.of("send(first)", "crash(com/example/SmtpClient)"), recorder.calls());
        assertEquals(1, failureLog.failures().size());
        DispatchFailure failure = failureLog.failures().get(0);
        assertTrue(failure.afterCompletion());
        assertTrue(failure.cause() instanceof NoClassDefFoundError, String.valueOf(failure.cause()));
        assertEquals(List.of("send(\"never\")"), failure.notAttempted().stream().map(Intent::toString).toList());
    }

    @Test
    void aFailureAtFlushWithoutATransactionIsReportedThenThrown() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> airlock.run(() -> {
            airlock.enqueue(RecordingMailer::fail, "smtp down");
            airlock.enqueue(RecordingMailer::send, "never");
        }));
        assertEquals(1, failureLog.failures().size());
        assertSame(e, failureLog.failures().get(0).cause());
        assertEquals(1, failureLog.failures().get(0).notAttempted().size());
        assertTrue(!failureLog.failures().get(0).afterCompletion());
    }
}
