package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.BatchRolledBackException;
import io.airlock.DispatchFailure;
import io.airlock.Intent;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.FailureLog;
import io.airlock.internal.cdi.Settings;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.EnlistingConnectionFactory;
import io.airlock.jms.fixtures.Shipping;
import io.airlock.jms.fixtures.TestJndi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The JMS executor and the transactions around a flush, with Narayana and a connection factory that enlists each
 * context in the thread's transaction, as a server's does: an in-process task of a batch sent in a JTA transaction of
 * its own runs outside that transaction; an intent of a committed {@code REQUIRES_NEW} transaction is never written
 * into the surrounding transaction by the {@code in-transaction} mode, so its rollback cannot undo it.
 */
class JmsTransactionBoundariesTest {

    static final String QUEUE = "airlock.boundaries";
    static final String CF = "java:/test/boundaries";

    @ApplicationScoped
    public static class Receipts {
        @Inject
        Airlock airlock;

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public void issue(long id) {
            airlock.enqueue(Shipping::ship, id, "receipt");
        }
    }

    /** Stands for a transactional service an in-process task calls: records its transaction and how it ended. */
    @ApplicationScoped
    public static class Ledger {
        @Inject
        TransactionManager tm;
        final List<Transaction> transactions = new CopyOnWriteArrayList<>();
        final List<String> outcomes = new CopyOnWriteArrayList<>();

        public List<Transaction> transactions() {
            return transactions;
        }

        public List<String> outcomes() {
            return outcomes;
        }

        @Transactional
        public void write() throws Exception {
            Transaction tx = tm.getTransaction();
            transactions.add(tx);
            tx.registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    outcomes.add(status == Status.STATUS_COMMITTED ? "committed" : "rolled back");
                }
            });
        }
    }

    @ApplicationScoped
    public static class Checkout {
        @Inject
        Airlock airlock;
        @Inject
        Receipts receipts;

        @Transactional
        public void placeThenFailAfterTheFlush(long id) {
            airlock.run(() -> {
                receipts.issue(id);
                airlock.enqueue(Shipping::ship, id, "order");
            });
            throw new IllegalStateException("declined after the scope flushed");
        }

        @Transactional
        public void place(long id) {
            airlock.run(() -> {
                airlock.enqueue(Shipping::ship, id, "order");
                receipts.issue(id);
            });
        }
    }

    static Broker broker;
    static ActiveMQXAConnectionFactory xa;
    final List<Transaction> enlistedIn = new CopyOnWriteArrayList<>();
    volatile boolean brokerDiesBeforeCommit;

    ConnectionFactory enlisting() {
        return EnlistingConnectionFactory.of(broker, xa, enlistedIn::add, () -> new Synchronization() {
            @Override
            public void beforeCompletion() {
                if (brokerDiesBeforeCommit) {
                    try {
                        broker.stop();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public void afterCompletion(int status) {
            }
        });
    }

    @BeforeAll
    static void jndi() {
        TestJndi.install();
        System.setProperty(Settings.EXECUTOR, "jms");
        System.setProperty(Settings.JMS_QUEUE, QUEUE);
        System.setProperty(Settings.JMS_CONNECTION_FACTORY, CF);
    }

    @AfterAll
    static void clear() {
        System.clearProperty(Settings.EXECUTOR);
        System.clearProperty(Settings.JMS_QUEUE);
        System.clearProperty(Settings.JMS_CONNECTION_FACTORY);
        TestJndi.uninstall();
    }

    @BeforeEach
    void start() throws Exception {
        broker = Broker.start(44);
        xa = broker.xaConnectionFactory();
        TestJndi.bind(CF, enlisting());
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty(Settings.JMS_MODE);
        TestJndi.unbind(CF);
        xa.close();
        broker.stop();
    }

    WeldContainer container() {
        return AirlockWeld.weld(Shipping.class, Receipts.class, Ledger.class, Checkout.class).initialize();
    }

    @Test
    void anInProcessTaskOfABatchSentInATransactionOfItsOwnRunsOutsideIt() throws Exception {
        try (WeldContainer container = container()) {
            TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
            List<Integer> seen = new CopyOnWriteArrayList<>();
            Airlock airlock = Airlock.get();
            airlock.run(() -> {
                airlock.enqueue(Shipping::ship, 1L, "a");
                airlock.enqueue("status", () -> seen.add(tm.getStatus()));
                airlock.enqueue(Shipping::ship, 1L, "b");
            });
            assertEquals(List.of(Status.STATUS_NO_TRANSACTION), seen, "as after any commit: no transaction on the thread");
            assertEquals(1, enlistedIn.size(), "the batch still went in one transaction of its own");
            assertEquals(2, broker.settledCount(QUEUE));
            assertEquals(Status.STATUS_NO_TRANSACTION, tm.getStatus());
        }
    }

    /** A task that begins a transaction and leaves it: rolled back, and the batch's own transaction resumed and committed. */
    @Test
    void aTransactionAnInProcessTaskLeavesOnTheThreadIsRolledBackAndTheBatchGoesOn() throws Exception {
        for (boolean taskFails : new boolean[] {false, true}) {
            try (WeldContainer container = container()) {
                TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
                List<jakarta.transaction.Transaction> leaked = new CopyOnWriteArrayList<>();
                Airlock airlock = Airlock.get();
                long before = broker.settledCount(QUEUE);
                Runnable batch = () -> airlock.run(() -> {
                    airlock.enqueue(Shipping::ship, 3L, "a");
                    airlock.enqueue("leaky", () -> {
                        tm.begin();
                        leaked.add(tm.getTransaction());
                        if (taskFails) {
                            throw new IllegalStateException("the task fails");
                        }
                    });
                    airlock.enqueue(Shipping::ship, 3L, "b");
                });
                if (taskFails) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, batch::run);
                    assertEquals("the task fails", e.getMessage(), "the task's own failure is reported");
                    assertEquals(1, broker.settledCount(QUEUE) - before, "what went before the failure is committed");
                } else {
                    batch.run();
                    assertEquals(2, broker.settledCount(QUEUE) - before, "the batch's own transaction was resumed and committed");
                }
                assertEquals(Status.STATUS_ROLLEDBACK, leaked.get(0).getStatus(), "the task's leftover transaction");
                assertEquals(Status.STATUS_NO_TRANSACTION, tm.getStatus(), "nothing left on the thread");
            }
        }
    }

    @Test
    void theWorkOfAnInProcessTaskIsNotUndoneByTheBatchsFailedCommit() throws Exception {
        try (WeldContainer container = container()) {
            Ledger ledger = container.select(Ledger.class).get();
            Airlock airlock = Airlock.get();
            Intent[] enqueued = new Intent[3];
            brokerDiesBeforeCommit = true;
            assertThrows(BatchRolledBackException.class, () -> airlock.run(() -> {
                enqueued[0] = airlock.enqueue(Shipping::ship, 2L, "a");
                enqueued[1] = airlock.enqueue("ledger", ledger::write);
                enqueued[2] = airlock.enqueue(Shipping::ship, 2L, "b");
            }));
            assertEquals(List.of("committed"), ledger.outcomes(), "its own transaction, committed as it returned");
            assertNotSame(enlistedIn.get(0), ledger.transactions().get(0), "not the batch's transaction");
            DispatchFailure failure = container.select(FailureLog.class).get().failures().get(0);
            assertInstanceOf(BatchRolledBackException.class, failure.cause());
            assertEquals(List.of(enqueued[1]), failure.dispatched(), "reported as it is: its work stands");
            assertTrue(failure.failed() == enqueued[0] && failure.notAttempted().equals(List.of(enqueued[2])), failure.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"after-commit", "in-transaction"})
    void anIntentOfACommittedRequiresNewTransactionEscapesWhenTheOuterOneRollsBackAfterTheFlush(String mode) throws Exception {
        System.setProperty(Settings.JMS_MODE, mode);
        try (WeldContainer container = container()) {
            Checkout checkout = container.select(Checkout.class).get();
            assertThrows(IllegalStateException.class, () -> checkout.placeThenFailAfterTheFlush(3));
            List<String> bodies = broker.receive(QUEUE, 2, 1000).stream().map(JmsTransactionBoundariesTest::text).toList();
            assertEquals(1, bodies.size(), bodies.toString());
            assertTrue(bodies.get(0).contains("\"receipt\""), "the receipt's transaction committed: " + bodies);
            assertEquals(List.of(), container.select(FailureLog.class).get().failures());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"after-commit", "in-transaction"})
    void bothAreSentWhenBothCommit(String mode) throws Exception {
        System.setProperty(Settings.JMS_MODE, mode);
        try (WeldContainer container = container()) {
            container.select(Checkout.class).get().place(4);
            List<String> bodies = broker.receive(QUEUE, 3, 1000).stream().map(JmsTransactionBoundariesTest::text).toList();
            assertEquals(2, bodies.size(), bodies.toString());
            assertEquals(List.of(), container.select(FailureLog.class).get().failures());
        }
    }

    static String text(jakarta.jms.Message m) {
        try {
            return ((jakarta.jms.TextMessage) m).getText();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
