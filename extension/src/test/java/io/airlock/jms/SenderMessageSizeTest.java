package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.DispatchFailure;
import io.airlock.Intent;
import io.airlock.UndeliverableIntentException;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.FailureLog;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.fixtures.LogCapture;
import io.airlock.internal.cdi.Settings;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Shipping;
import io.airlock.jms.fixtures.TestJndi;
import jakarta.jms.MessageListener;
import java.util.List;
import java.util.logging.Level;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sender keeps to the receiver's {@code airlock.jms.max-message-size}: a body the receiver would reject
 * unrun (acknowledged with a WARNING on the other side, after this side reported it dispatched) fails its batch
 * before anything is sent, naming the intent, the size and the key; what it sends, the receiver runs.
 */
class SenderMessageSizeTest {

    static final String QUEUE = "airlock.sender.size";
    static final String CF = "java:/test/sizeCF";
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(43);

    static class ShippingTasks extends AirlockMessageListener implements MessageListener {
    }

    @BeforeEach
    void setUp() throws Exception {
        broker.purge(QUEUE);
        TestJndi.bind(CF, broker.connectionFactory());
        System.setProperty(Settings.EXECUTOR, "jms");
        System.setProperty(Settings.JMS_QUEUE, QUEUE);
        System.setProperty(Settings.JMS_CONNECTION_FACTORY, CF);
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(Settings.EXECUTOR);
        System.clearProperty(Settings.JMS_QUEUE);
        System.clearProperty(Settings.JMS_CONNECTION_FACTORY);
        System.clearProperty(Settings.JMS_MAX_MESSAGE_SIZE);
        TestJndi.unbind(CF);
    }

    @Test
    void aBodyOverTheLimitFailsTheBatchBeforeAnythingIsSent() {
        System.setProperty(Settings.JMS_MAX_MESSAGE_SIZE, "1000");
        try (WeldContainer container = AirlockWeld.weld(Shipping.class).initialize()) {
            Airlock airlock = Airlock.get();
            Intent[] big = new Intent[1];
            UndeliverableIntentException e = assertThrows(UndeliverableIntentException.class, () -> airlock.run(() -> {
                airlock.enqueue(Shipping::ship, 1L, "small");
                big[0] = airlock.enqueue(Shipping::ship, 2L, "x".repeat(5000));
            }));
            assertSame(big[0], e.intent());
            assertTrue(e.getMessage().contains(big[0].id()) && e.getMessage().contains("airlock.jms.max-message-size (1000)")
                    && e.getMessage().contains("Pass the task something smaller"), e.getMessage());
            assertEquals(0, broker.settledCount(QUEUE), "nothing of the batch was sent");
            DispatchFailure failure = container.select(FailureLog.class).get().failures().get(0);
            assertSame(big[0], failure.failed());
            assertEquals(List.of(), failure.dispatched());
        }
    }

    @Test
    void escapingCountsAsTheReceiverCountsIt() {
        // 200,000 control characters take 1,200,000 characters of JSON: over the default 1 MiB the receiver accepts
        try (WeldContainer container = AirlockWeld.weld(Shipping.class).initialize()) {
            Airlock airlock = Airlock.get();
            assertThrows(UndeliverableIntentException.class, () -> airlock.run(() -> airlock.enqueue(Shipping::ship, 1L, "\u0001".repeat(200_000))));
            assertEquals(0, broker.settledCount(QUEUE));
        }
    }

    @Test
    void whatTheSenderSendsTheReceiverRunsAndWhatItRefusesIsNeverSent() {
        System.setProperty(Settings.JMS_MAX_MESSAGE_SIZE, "1000");
        try (WeldContainer container = AirlockWeld.weld(Shipping.class).initialize(); LogCapture log = new LogCapture()) {
            Airlock airlock = Airlock.get();
            int sent = 0;
            int refused = 0;
            for (int length = 0; length <= 1000; length += 5) {
                long order = length;
                String address = "\u00e9\"\\\u2028\ud83d\ude00".repeat(length / 6) + "x".repeat(length % 6);
                try {
                    airlock.run(() -> airlock.enqueue(Shipping::ship, order, address));
                    sent++;
                } catch (UndeliverableIntentException e) {
                    refused++;
                }
            }
            assertTrue(sent > 0 && refused > 0, sent + " sent, " + refused + " refused: the range crosses the limit");
            assertEquals(sent, broker.deliver(QUEUE, new ShippingTasks(), 150));
            assertEquals(sent, container.select(Recorder.class).get().calls().size(), log.at(Level.WARNING).toString());
            assertEquals(List.of(), log.at(Level.WARNING), "the receiver rejected none of what was sent");
        }
    }

    @Test
    void theBuilderTakesTheLimitAndRefusesAnImpossibleOne() {
        assertThrows(IllegalArgumentException.class, () -> JmsIntentExecutor.builder().maxMessageSize(0));
        assertThrows(IllegalArgumentException.class, () -> JmsIntentExecutor.builder().maxMessageSize(Integer.MAX_VALUE - 7));
        JmsIntentExecutor jms = JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueName(QUEUE).maxMessageSize(300).build();
        try (WeldContainer container = AirlockWeld.weld(Shipping.class).initialize()) {
            Airlock airlock = Airlock.get();
            Exception e = assertThrows(UndeliverableIntentException.class,
                    () -> airlock.scope().executor(jms).run(() -> airlock.enqueue(Shipping::ship, 1L, "y".repeat(300))));
            assertInstanceOf(UndeliverableIntentException.class, e);
            airlock.scope().executor(jms).run(() -> airlock.enqueue(Shipping::ship, 1L, "y"));
            assertEquals(1, broker.settledCount(QUEUE));
        }
    }
}
