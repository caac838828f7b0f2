package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.fixtures.LogCapture;
import io.airlock.internal.cdi.Settings;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Shipping;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.json.Json;
import java.util.List;
import java.util.logging.Level;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code airlock.jms.max-message-size} with a real broker: a body the broker announces as too large (ActiveMQ
 * Artemis streams large messages and says their size) is rejected without being read; one within the limit
 * runs, also when the broker streams it; a setting changed to an invalid value after deployment fails the
 * delivery (so the message is redelivered) instead of acknowledging and dropping it.
 */
@ExtendWith(WeldJunit5Extension.class)
class MessageSizeTest {

    static final String QUEUE = "airlock.size";
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(16);

    static class ShippingTasks extends AirlockMessageListener implements MessageListener {
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Shipping.class);

    @Inject
    Recorder recorder;

    LogCapture log;

    @BeforeEach
    void setUp() throws Exception {
        broker.purge(QUEUE);
        log = new LogCapture();
    }

    @AfterEach
    void tearDown() {
        log.close();
        System.clearProperty(Settings.JMS_MAX_MESSAGE_SIZE);
    }

    private String send(int addressLength) {
        String body = AirlockTaskReceiverTest.ship(Json.createArrayBuilder().add(1).add("x".repeat(addressLength))).build().toString();
        try (JMSContext c = broker.connectionFactory().createContext()) {
            Message m = c.createTextMessage(body);
            c.createProducer().send(c.createQueue(QUEUE), m);
            return m.getJMSMessageID();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBodyTheBrokerAnnouncesAsTooLargeIsRejectedUnread() {
        System.setProperty(Settings.JMS_MAX_MESSAGE_SIZE, "100000");
        String id = send(3_000_000);
        assertEquals(1, broker.deliver(QUEUE, new ShippingTasks(), 150), "acknowledged, never redelivered");
        assertEquals(List.of(), recorder.calls());
        List<String> warnings = log.at(Level.WARNING);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(id) && warnings.get(0).contains("it was not read"), warnings.get(0));
    }

    @Test
    void aLargeBodyWithinTheLimitRuns() {
        System.setProperty(Settings.JMS_MAX_MESSAGE_SIZE, "300000");
        send(250_000);   // streamed by the broker (over 100 KiB), announced, and still within the limit
        assertEquals(1, broker.deliver(QUEUE, new ShippingTasks(), 150));
        assertEquals(1, recorder.calls().size(), log.at(Level.WARNING).toString());
    }

    @Test
    void aBodyOverTheLimitThatTheBrokerDoesNotAnnounceIsRejectedAfterReading() {
        System.setProperty(Settings.JMS_MAX_MESSAGE_SIZE, "1000");
        String id = send(5000);   // small: not streamed, so not announced
        assertEquals(1, broker.deliver(QUEUE, new ShippingTasks(), 150));
        assertEquals(List.of(), recorder.calls());
        assertTrue(log.at(Level.WARNING).get(0).contains(id) && log.at(Level.WARNING).get(0).contains("more than airlock.jms.max-message-size (1000)"));
    }

    @Test
    void aSettingMadeInvalidAfterDeploymentFailsTheDeliveryInsteadOfDroppingTheMessage() throws Exception {
        send(10);
        for (String bad : List.of("-1", "0", "lots", "99999999999")) {
            System.setProperty(Settings.JMS_MAX_MESSAGE_SIZE, bad);
            try (JMSContext c = broker.connectionFactory().createContext(JMSContext.SESSION_TRANSACTED);
                    JMSConsumer consumer = c.createConsumer(c.createQueue(QUEUE))) {
                Message m = consumer.receive(5000);
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ShippingTasks().onMessage(m));
                assertTrue(e.getMessage().contains(Settings.JMS_MAX_MESSAGE_SIZE) && e.getMessage().contains(bad), e.getMessage());
                c.rollback();
            }
        }
        System.clearProperty(Settings.JMS_MAX_MESSAGE_SIZE);
        assertEquals(1, broker.deliver(QUEUE, new ShippingTasks(), 150), "still there, and runs");
        assertEquals(1, recorder.calls().size());
    }
}
