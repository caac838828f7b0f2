package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.DispatchFailure;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.FailureLog;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Shipping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.XAJMSContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The in-transaction mode with a real transaction manager (Narayana) enlisting the broker's XAResource, as a
 * server's JTA-aware connection factory does: the messages commit or roll back with the transaction.
 */
@ExtendWith(WeldJunit5Extension.class)
class JmsInTransactionTest {

    static final String QUEUE = "airlock.xa";
    static Broker broker;
    static ActiveMQXAConnectionFactory xa;

    /** Enlists each batch's context in the current Narayana transaction; closes it after the transaction completes. */
    static final class XaContextSource implements JmsContextSource {
        final AtomicInteger enlisted = new AtomicInteger();
        final AtomicInteger sends = new AtomicInteger();
        /** The send (counted from 1) that the broker refuses; 0 for none. */
        volatile int refuse;

        /** The enlisted context, its producers refusing the {@link #refuse}th send as a broker that refuses a message would. */
        JMSContext refusing(JMSContext context) {
            return (JMSContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JMSContext.class}, (p, m, args) -> {
                Object result = invoke(m, context, args);
                if (m.getName().equals("createProducer")) {
                    JMSProducer real = (JMSProducer) result;
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JMSProducer.class}, (pp, pm, pargs) -> {
                        if (pm.getName().equals("send") && sends.incrementAndGet() == refuse) {
                            throw new JMSRuntimeException("AMQ229000: the broker refused the message (simulated)");
                        }
                        Object r = invoke(pm, real, pargs);
                        return r == real ? pp : r;
                    });
                }
                return result;
            });
        }

        static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
            try {
                return m.invoke(target, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public JMSContext open() {
            try {
                Transaction tx = com.arjuna.ats.jta.TransactionManager.transactionManager().getTransaction();
                if (tx == null) {
                    return broker.connectionFactory().createContext();
                }
                XAJMSContext context = xa.createXAContext();
                tx.enlistResource(context.getXAResource());
                enlisted.incrementAndGet();
                tx.registerSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                    }

                    @Override
                    public void afterCompletion(int status) {
                        context.close();
                    }
                });
                return refusing(context.getContext());
            } catch (Exception e) {
                throw new IllegalStateException("cannot enlist the JMS context: " + e, e);
            }
        }

        @Override
        public void release(JMSContext context) {
            if (!Proxy.isProxyClass(context.getClass())) {
                try {
                    context.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Stands for the application's transactional work: records what the broker held and how the transaction ended. */
    @ApplicationScoped
    public static class Checkout {
        @Inject
        Airlock airlock;
        @Inject
        TransactionSynchronizationRegistry registry;
        @Inject
        TransactionManager tm;

        private final List<String> seen = new CopyOnWriteArrayList<>();

        public List<String> seen() {
            return seen;
        }

        void outcome() {
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    seen.add(status == Status.STATUS_COMMITTED ? "committed" : "rolled back");
                }
            });
        }

        @Transactional
        public void placeOrder(long id) {
            outcome();
            airlock.run(() -> {
                airlock.enqueue(Shipping::ship, id, "a");
                airlock.enqueue(Shipping::ship, id, "b");
            });
            seen.add("sent in transaction, visible " + broker.settledCount(QUEUE));
        }

        @Transactional
        public void placeOrderThenFail(long id) {
            outcome();
            airlock.run(() -> airlock.enqueue(Shipping::ship, id, "a"));
            throw new IllegalStateException("payment declined");
        }

        @Transactional
        public void placeOrderThenMarkRollbackOnly(long id) {
            outcome();
            airlock.run(() -> {
                airlock.enqueue(Shipping::ship, id, "a");
                registry.setRollbackOnly();
            });
        }

        @Transactional
        public void placeOrderWithAnUnsendableIntent(long id) {
            outcome();
            airlock.run(() -> {
                airlock.enqueue(Shipping::ship, id, "fine");
                airlock.enqueue(Shipping::ship, id, "refused");
            });
            seen.add("not reached");
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Shipping.class, Checkout.class);

    @Inject
    Airlock airlock;
    @Inject
    Checkout checkout;
    @Inject
    FailureLog failures;

    XaContextSource source;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Broker.start(13);
        xa = broker.xaConnectionFactory();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        xa.close();
        broker.stop();
    }

    @BeforeEach
    void inTransactionMode() throws Exception {
        broker.purge(QUEUE);
        source = new XaContextSource();
        JmsIntentExecutor jms = JmsIntentExecutor.builder().contextSource(source).queueName(QUEUE)
                .mode(JmsIntentExecutor.Mode.IN_TRANSACTION).build();
        airlock.configure(c -> c.withExecutor(jms));
    }

    @Test
    void aCommitDeliversTheMessagesSentInsideTheTransaction() {
        checkout.placeOrder(1);
        assertEquals(List.of("sent in transaction, visible 0", "committed"), checkout.seen(),
                "sent at flush, inside the transaction, invisible until the commit");
        assertEquals(1, source.enlisted.get(), "one enlisted context for the batch");
        assertEquals(2, broker.receive(QUEUE, 2, 1000).size());
    }

    @Test
    void aRollbackLeavesNoMessage() {
        assertThrows(IllegalStateException.class, () -> checkout.placeOrderThenFail(2));
        assertEquals(List.of("rolled back"), checkout.seen());
        assertEquals(1, source.enlisted.get(), "it was sent, inside the transaction");
        assertEquals(List.of(), broker.receive(QUEUE, 1, 300));
        assertEquals(0, broker.added(QUEUE));
    }

    @Test
    void aTransactionMarkedRollbackOnlyBeforeTheFlushSendsNothingAndFailsNothing() {
        checkout.placeOrderThenMarkRollbackOnly(5);
        assertEquals(List.of("rolled back"), checkout.seen());
        assertEquals(0, source.enlisted.get(), "no context is enlisted in a transaction that will not commit");
        assertEquals(0, broker.added(QUEUE));
        assertEquals(List.of(), failures.failures());
    }

    @Test
    void aSendFailureRollsTheTransactionBackAndReachesTheCaller() {
        source.refuse = 2;
        JMSRuntimeException e = assertThrows(JMSRuntimeException.class, () -> checkout.placeOrderWithAnUnsendableIntent(3));
        assertTrue(e.getMessage().contains("refused"), "the refusal itself reaches the caller: " + e);
        assertEquals(List.of("rolled back"), checkout.seen(), "the transaction rolled back");
        assertEquals(List.of(), broker.receive(QUEUE, 1, 300), "the message sent before the failure rolled back with it");
        DispatchFailure failure = failures.failures().get(0);
        assertEquals("ship(3, \"refused\")", failure.failed().toString());
        assertEquals(List.of("ship(3, \"fine\")"), failure.dispatched().stream().map(Object::toString).toList(),
                "handed to the transaction before the failure, and rolled back with it");
        assertTrue(!failure.afterCompletion());
    }

    @Test
    void withoutATransactionTheBatchIsSentAtFlush() {
        airlock.run(() -> airlock.enqueue(Shipping::ship, 4L, "no transaction"));
        assertEquals(0, source.enlisted.get());
        assertEquals(1, broker.receive(QUEUE, 1, 1000).size());
    }

    @Test
    void afterCommitModeSendsOnlyAfterTheCommit() {
        airlock.configure(c -> c.withExecutor(JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueName(QUEUE).build()));
        checkout.placeOrder(5);
        assertEquals(List.of("sent in transaction, visible 0", "committed"), checkout.seen());
        assertEquals(2, broker.receive(QUEUE, 2, 1000).size());
        checkout.seen().clear();
        assertThrows(IllegalStateException.class, () -> checkout.placeOrderThenFail(6));
        assertEquals(List.of(), broker.receive(QUEUE, 1, 300), "nothing sent for a rolled-back transaction");
    }

    /** The in-transaction JMS executor inside every combinator, alone and nested: each keeps its mode and its batch. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> composed() {
        java.util.function.UnaryOperator<io.airlock.IntentExecutor> retry = e -> e.withRetry(3, io.airlock.executor.Backoff.none());
        java.util.function.BinaryOperator<io.airlock.IntentExecutor> orElse = io.airlock.IntentExecutor::orElse;
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("retry", (java.util.function.UnaryOperator<io.airlock.IntentExecutor>) retry::apply),
                org.junit.jupiter.params.provider.Arguments.of("fallback to itself",
                        (java.util.function.UnaryOperator<io.airlock.IntentExecutor>) e -> orElse.apply(e, e)),
                org.junit.jupiter.params.provider.Arguments.of("route, both ways",
                        (java.util.function.UnaryOperator<io.airlock.IntentExecutor>) e -> io.airlock.IntentExecutor.route(i -> true, e, e)),
                org.junit.jupiter.params.provider.Arguments.of("route to it",
                        (java.util.function.UnaryOperator<io.airlock.IntentExecutor>) e -> io.airlock.IntentExecutor.route(i -> true, e,
                                io.airlock.IntentExecutor.sync())),
                org.junit.jupiter.params.provider.Arguments.of("retry of a route of a fallback",
                        (java.util.function.UnaryOperator<io.airlock.IntentExecutor>) e -> retry.apply(io.airlock.IntentExecutor.route(i -> true,
                                orElse.apply(e, e), io.airlock.IntentExecutor.sync()))));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("composed")
    void aComposedInTransactionExecutorStillSendsInsideTheTransaction(String how, java.util.function.UnaryOperator<io.airlock.IntentExecutor> compose) {
        io.airlock.IntentExecutor jms = airlock.configuration().executor();
        airlock.configure(c -> c.withExecutor(compose.apply(jms)));
        checkout.placeOrder(10);
        assertEquals(List.of("sent in transaction, visible 0", "committed"), checkout.seen(), how);
        assertEquals(1, source.enlisted.get(), how + ": one enlisted context for the flush's batch");
        assertEquals(2, broker.receive(QUEUE, 2, 1000).size(), how);

        checkout.seen().clear();
        assertThrows(IllegalStateException.class, () -> checkout.placeOrderThenFail(11));
        assertEquals(List.of("rolled back"), checkout.seen(), how);
        assertEquals(List.of(), broker.receive(QUEUE, 1, 300), how + ": the message rolled back with the transaction");
    }

    @Test
    void aRouteBetweenInTransactionAndAfterCommitDecidesPerIntent() {
        io.airlock.IntentExecutor jms = airlock.configuration().executor();
        io.airlock.cdi.fixtures.Recorder recorder = weld.select(io.airlock.cdi.fixtures.Recorder.class).get();
        airlock.configure(c -> c.withExecutor(io.airlock.IntentExecutor.route(i -> i.toString().contains("\"a\""), jms,
                intent -> {
                    recorder.record("in process, transaction " + (registryStatus() == Status.STATUS_NO_TRANSACTION ? "over" : "open"));
                    intent.invoke();
                })));
        checkout.placeOrder(12);
        assertEquals(List.of("sent in transaction, visible 0", "committed"), checkout.seen());
        assertEquals(List.of("in process, transaction over", "ship(12, b) WITHOUT scope"), recorder.calls(), "b waited for the commit");
        assertEquals(1, broker.receive(QUEUE, 2, 1000).size(), "a went as a message, inside the transaction");

        recorder.clear();
        checkout.seen().clear();
        assertThrows(IllegalStateException.class, () -> checkout.placeOrderThenFail(13));
        assertEquals(List.of(), recorder.calls());
        assertEquals(List.of(), broker.receive(QUEUE, 1, 300));
    }

    @Test
    void aFallbackBetweenModesRefusesClearlyInsteadOfMovingWorkAcrossTheCommit() {
        io.airlock.IntentExecutor jms = airlock.configuration().executor();
        airlock.configure(c -> c.withExecutor(jms.orElse(io.airlock.IntentExecutor.sync())));
        io.airlock.UsageException e = assertThrows(io.airlock.UsageException.class, () -> checkout.placeOrder(14));
        assertTrue(e.getMessage().contains("inside the transaction") && e.getMessage().contains("IntentExecutor.route"), e.getMessage());
        assertEquals(List.of("rolled back"), checkout.seen());
        assertEquals(List.of(), broker.receive(QUEUE, 1, 300));
    }

    private static int registryStatus() {
        try {
            return com.arjuna.ats.jta.TransactionManager.transactionManager().getStatus();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
