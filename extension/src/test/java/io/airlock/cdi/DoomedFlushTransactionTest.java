package io.airlock.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.Airlock;
import io.airlock.Scope;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.cdi.fixtures.RecordingMailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A scope flushed inside a transaction that will not commit drops what belongs to that transaction (enqueued in it,
 * or in none), but an intent of another transaction follows that transaction's outcome: a committed one's escapes,
 * whether or not airlock had bound itself to the doomed transaction before it was marked, and whichever executor.
 */
@ExtendWith(WeldJunit5Extension.class)
class DoomedFlushTransactionTest {

    @ApplicationScoped
    public static class Shop {
        @Inject
        Airlock airlock;
        @Inject
        Receipts receipts;
        @Inject
        TransactionSynchronizationRegistry registry;

        /** The outer transaction is marked before anything is enqueued in it, so airlock never bound itself to it. */
        @Transactional
        public void markedFirst() {
            registry.setRollbackOnly();
            airlock.run(() -> {
                receipts.issue("receipt");
                airlock.enqueue(RecordingMailer::send, "outer");
            });
        }
    }

    @ApplicationScoped
    public static class Receipts {
        @Inject
        Airlock airlock;

        @Transactional(TxType.REQUIRES_NEW)
        public void issue(String what) {
            airlock.enqueue(RecordingMailer::send, what);
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Shop.class, Receipts.class);

    @Inject
    Airlock airlock;
    @Inject
    Recorder recorder;
    @Inject
    Shop shop;

    private final TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();

    @AfterEach
    void noTransactionLeft() throws Exception {
        if (tm.getTransaction() != null) {
            tm.rollback();
        }
    }

    @ParameterizedTest(name = "enqueued in the doomed one first: {0}, marked before the flush: {1}")
    @CsvSource({"false, false", "true, true", "false, true", "true, false"})
    void aCommittedTransactionsIntentEscapesAFlushInADoomedOne(boolean enqueueInDoomedFirst, boolean markBeforeFlush) throws Exception {
        Scope scope = airlock.scope().open();
        tm.begin();
        airlock.enqueue(RecordingMailer::send, "committed");
        tm.commit();
        tm.begin();
        if (enqueueInDoomedFirst) {
            airlock.enqueue(RecordingMailer::send, "doomed");
        }
        if (markBeforeFlush) {
            tm.setRollbackOnly();
        }
        scope.exit();
        scope.flush();
        if (!markBeforeFlush) {
            tm.setRollbackOnly();
        }
        tm.rollback();
        assertEquals(List.of("send(committed)"), recorder.calls());
    }

    @Test
    void aCommittedRequiresNewIntentEscapesAFlushInAnOuterTransactionMarkedBeforeAnyEnqueue() {
        shop.markedFirst();
        assertEquals(List.of("send(receipt)"), recorder.calls());
    }
}
