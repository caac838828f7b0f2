package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The after-commit mode as configured in a container ({@code airlock.executor=jms}), with Narayana and a
 * connection factory that enlists each context in the thread's JTA transaction, as a server's pooled one does:
 * a batch of several messages is sent in a JTA transaction of its own, begun after the business transaction
 * completed, and committed once.
 */
class JmsOwnTransactionTest {

    static final String QUEUE = "airlock.own";
    static final String CF = "java:/test/enlisting";

    /** Stands for the application's transactional work. */
    @ApplicationScoped
    public static class Checkout {
        @Inject
        Airlock airlock;
        @Inject
        TransactionManager tm;

        private final List<Transaction> business = new CopyOnWriteArrayList<>();
        private final List<String> outcomes = new CopyOnWriteArrayList<>();
        private final List<Intent> enqueued = new CopyOnWriteArrayList<>();

        /** The business transactions, in order. */
        public List<Transaction> business() {
            return business;
        }

        /** How each business transaction ended. */
        public List<String> outcomes() {
            return outcomes;
        }

        public List<Intent> enqueued() {
            return enqueued;
        }

        @Transactional
        public void placeOrder(long id, int parcels) throws Exception {
            Transaction tx = tm.getTransaction();
            business.add(tx);
            tx.registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    outcomes.add(status == Status.STATUS_COMMITTED ? "committed" : "rolled back");
                }
            });
            airlock.run(() -> {
                for (int i = 0; i < parcels; i++) {
                    enqueued.add(airlock.enqueue(Shipping::ship, id, "parcel " + i));
                }
            });
        }
    }

    static Broker broker;
    static ActiveMQXAConnectionFactory xa;
    /** The transactions contexts were enlisted in, and what the queue held when each of them began to commit. */
    final List<Transaction> enlistedIn = new CopyOnWriteArrayList<>();
    final List<Long> visibleAtCommit = new CopyOnWriteArrayList<>();
    final List<Integer> completions = new CopyOnWriteArrayList<>();
    volatile boolean brokerDiesBeforeCommit;

    /** A connection factory that enlists each context created in a JTA transaction, as a server's does. */
    ConnectionFactory enlisting() {
        return EnlistingConnectionFactory.of(broker, xa, enlistedIn::add, () -> new Synchronization() {
            @Override
            public void beforeCompletion() {
                visibleAtCommit.add(broker.count(QUEUE));
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
                completions.add(status);
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
        broker = Broker.start(18);
        xa = broker.xaConnectionFactory();
        TestJndi.bind(CF, enlisting());
    }

    @AfterEach
    void stop() throws Exception {
        TestJndi.unbind(CF);
        xa.close();
        broker.stop();
    }

    @Test
    void aBatchAfterTheCommitIsSentInOneTransactionOfItsOwn() throws Exception {
        try (WeldContainer container = AirlockWeld.weld(Shipping.class, Checkout.class).initialize()) {
            Checkout checkout = container.select(Checkout.class).get();
            checkout.placeOrder(1, 3);
            assertEquals(List.of("committed"), checkout.outcomes(), "the business transaction committed, untouched");
            assertEquals(1, enlistedIn.size(), "one context, enlisted in one transaction");
            assertNotSame(checkout.business().get(0), enlistedIn.get(0), "a transaction of its own, not the business one");
            assertEquals(List.of(0L), visibleAtCommit, "nothing visible before the batch's commit");
            assertEquals(List.of(Status.STATUS_COMMITTED), completions, "the batch's transaction committed");
            assertEquals(3, broker.settledCount(QUEUE));
            assertEquals(Status.STATUS_NO_TRANSACTION, com.arjuna.ats.jta.TransactionManager.transactionManager().getStatus(),
                    "no transaction left on the thread");
            assertEquals(List.of(), container.select(FailureLog.class).get().failures());
        }
    }

    @Test
    void oneMessageNeedsNoTransactionOfItsOwn() throws Exception {
        try (WeldContainer container = AirlockWeld.weld(Shipping.class, Checkout.class).initialize()) {
            container.select(Checkout.class).get().placeOrder(2, 1);
            assertEquals(List.of(), enlistedIn);
            assertEquals(1, broker.settledCount(QUEUE));
        }
    }

    @Test
    void withoutATransactionTheFlushSendsItsBatchInOneOfItsOwn() throws Exception {
        try (WeldContainer container = AirlockWeld.weld(Shipping.class, Checkout.class).initialize()) {
            Airlock airlock = Airlock.get();
            airlock.run(() -> {
                airlock.enqueue(Shipping::ship, 3L, "a");
                airlock.enqueue(Shipping::ship, 3L, "b");
            });
            assertEquals(1, enlistedIn.size());
            assertEquals(List.of(Status.STATUS_COMMITTED), completions);
            assertEquals(2, broker.settledCount(QUEUE));
        }
    }

    @Test
    void aFailedCommitOfItsOwnTransactionReportsTheBatchAsNotDispatched() throws Exception {
        try (WeldContainer container = AirlockWeld.weld(Shipping.class, Checkout.class).initialize()) {
            Checkout checkout = container.select(Checkout.class).get();
            brokerDiesBeforeCommit = true;
            checkout.placeOrder(4, 2); // after the commit: no caller to throw to
            assertEquals(List.of("committed"), checkout.outcomes(), "the business transaction is not affected");
            assertEquals(List.of(Status.STATUS_ROLLEDBACK), completions);
            List<DispatchFailure> failures = container.select(FailureLog.class).get().failures();
            assertEquals(1, failures.size());
            DispatchFailure failure = failures.get(0);
            assertInstanceOf(BatchRolledBackException.class, failure.cause());
            assertEquals(List.of(), failure.dispatched());
            assertSame(checkout.enqueued().get(0), failure.failed());
            assertEquals(new ArrayList<>(checkout.enqueued().subList(1, 2)), failure.notAttempted());
            assertTrue(failure.afterCompletion());
            assertEquals(Status.STATUS_NO_TRANSACTION, com.arjuna.ats.jta.TransactionManager.transactionManager().getStatus());
        }
    }
}
