package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.DispatchOptions;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.fixtures.LogCapture;
import io.airlock.internal.cdi.Settings;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Shipping;
import io.airlock.jms.fixtures.TestJndi;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A task that gave up while the dead-letter queue could not be reached: the receiver threw, so the broker redelivers
 * the message, up to its own limit (Artemis' max-delivery-attempts, 10). Those redeliveries, past the intent's
 * attempts, never run the task again (maxRetries 0 is one run): each tries the dead-letter queue again, and the first
 * that reaches it moves the body there, unrun.
 */
@ExtendWith(WeldJunit5Extension.class)
class DeadLetterUnreachableTest {

    static final String QUEUE = "airlock.dl.unreachable";
    static final String DLQ = "airlock.dl.dead";
    static final String DLQ_NAME = "java:app/jms/UnreachableDead";
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(47);

    static class ShippingTasks extends AirlockMessageListener implements MessageListener {
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Shipping.class);

    @Inject
    Airlock airlock;
    @Inject
    Recorder recorder;

    @BeforeEach
    void setUp() throws Exception {
        broker.purge(QUEUE);
        broker.purge(DLQ);
        TestJndi.bind(JmsIntentExecutor.DEFAULT_CONNECTION_FACTORY, broker.connectionFactory());
        System.setProperty(Settings.JMS_DEAD_LETTER_QUEUE, DLQ_NAME); // not bound: the dead-letter send fails
        airlock.configure(c -> c.withExecutor(JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueName(QUEUE).build()));
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(Settings.JMS_DEAD_LETTER_QUEUE);
        TestJndi.unbind(DLQ_NAME);
        TestJndi.unbind(JmsIntentExecutor.DEFAULT_CONNECTION_FACTORY);
    }

    void enqueue(int maxRetries) {
        DispatchOptions options = maxRetries < 0 ? DispatchOptions.builder().build() : DispatchOptions.builder().maxRetries(maxRetries).build();
        airlock.run(() -> airlock.options(options).enqueue(Shipping::flaky, "x"));
    }

    @ParameterizedTest(name = "maxRetries {0}")
    @ValueSource(ints = {-1, 0, 1, 3})
    void theTaskRunsNoMoreThanItsAttemptsWhateverTheBrokersRedeliveries(int maxRetries) {
        enqueue(maxRetries);
        try (LogCapture log = new LogCapture()) {
            int deliveries = broker.deliver(QUEUE, new ShippingTasks(), 10, 200);
            assertEquals(10, deliveries, "the broker redelivered up to its own limit");
            int attempts = Math.max(0, maxRetries) + 1;
            assertEquals(Collections.nCopies(attempts, "flaky(x)"), recorder.calls(), "run once per attempt, never past them");
            List<String> severe = log.at(Level.SEVERE);
            assertTrue(severe.stream().filter(m -> m.contains("It is not run again")).count() == 10 - attempts, severe.toString());
        }
    }

    /**
     * The receiver cannot tell why a message came back: a delivery whose transaction rolled back after the task returned
     * (as an MDB's commit that fails, or a server that stops) is redelivered past the task's one attempt, and goes to
     * the dead-letter queue unrun, the log saying so without claiming a dead-letter failure; with a maxRetries it runs again.
     */
    @ParameterizedTest(name = "maxRetries {0}")
    @ValueSource(ints = {-1, 1})
    void aRedeliveryAfterARollbackPastTheAttemptsIsDeadLetteredUnrun(int maxRetries) throws Exception {
        try (JMSContext c = broker.connectionFactory().createContext()) {
            TestJndi.bind(DLQ_NAME, c.createQueue(DLQ));
        }
        DispatchOptions options = maxRetries < 0 ? DispatchOptions.builder().build() : DispatchOptions.builder().maxRetries(maxRetries).build();
        airlock.run(() -> airlock.options(options).enqueue(Shipping::ship, 7L, "rolled back"));
        ShippingTasks receiver = new ShippingTasks();
        assertThrows(IllegalStateException.class, () -> broker.deliverNext(QUEUE, message -> {
            receiver.onMessage(message);
            throw new IllegalStateException("the transaction rolled back after the task returned");
        }, 10_000));
        assertEquals(List.of("ship(7, rolled back)"), recorder.calls().stream().map(c -> c.substring(0, c.indexOf(')') + 1)).toList());
        try (LogCapture log = new LogCapture()) {
            assertTrue(broker.deliverNext(QUEUE, receiver, 10_000));
            if (maxRetries < 0) {
                assertEquals(1, recorder.calls().size(), "not run again");
                List<Message> dead = broker.receive(DLQ, 1, 10_000);
                assertEquals(1, dead.size());
                List<String> severe = log.at(Level.SEVERE);
                assertEquals(1, severe.size(), severe.toString());
                assertTrue(severe.get(0).contains("was not acknowledged") && severe.get(0).contains("its transaction rolled back")
                        && severe.get(0).contains("Give the task a maxRetries"), severe.get(0));
            } else {
                assertEquals(2, recorder.calls().size(), "run again: its maxRetries allow a second attempt");
                assertEquals(0, broker.count(DLQ));
            }
        }
        assertEquals(0, broker.count(QUEUE));
    }

    @ParameterizedTest(name = "maxRetries {0}")
    @ValueSource(ints = {-1, 0, 2})
    void theFirstRedeliveryThatReachesTheDeadLetterQueueMovesTheBodyThereUnrun(int maxRetries) throws Exception {
        enqueue(maxRetries);
        int attempts = Math.max(0, maxRetries) + 1;
        for (int i = 0; i < attempts; i++) {
            assertThrows(RuntimeException.class, () -> broker.deliverNext(QUEUE, new ShippingTasks(), 1000));
        }
        try (JMSContext c = broker.connectionFactory().createContext()) {
            TestJndi.bind(DLQ_NAME, c.createQueue(DLQ));
        }
        assertTrue(broker.deliverNext(QUEUE, new ShippingTasks(), 1000));
        assertEquals(Collections.nCopies(attempts, "flaky(x)"), recorder.calls());
        List<Message> dead = broker.receive(DLQ, 2, 1000);
        assertEquals(1, dead.size());
        assertEquals(attempts + 1, dead.get(0).getIntProperty(AirlockTaskReceiver.PROPERTY_DELIVERY_COUNT));
        assertTrue(dead.get(0).getStringProperty(AirlockTaskReceiver.PROPERTY_FAILURE).contains("not run again"));
        assertEquals(0, broker.count(QUEUE));
    }
}
