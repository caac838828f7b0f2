package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.fixtures.LogCapture;
import io.airlock.internal.cdi.Settings;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Shipping;
import io.airlock.jms.fixtures.TestJndi;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With a dead-letter queue configured, a message the receiver rejects (a task this receiver does not declare, as a
 * newer sender's would be; another format version; malformed JSON; an inexact argument) runs nothing, is logged at
 * WARNING once, and its body goes to the dead-letter queue with the reason, instead of being dropped. Without one, it
 * is only logged, as before; a body that was not read (not a text message) is only logged.
 */
@ExtendWith(WeldJunit5Extension.class)
class RejectedToDeadLetterTest {

    static final String QUEUE = "airlock.rejected";
    static final String DLQ = "airlock.rejected.dead";
    static final String DLQ_NAME = "java:app/jms/RejectedDead";
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(49);

    static class ShippingTasks extends AirlockMessageListener implements MessageListener {
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Shipping.class);

    @Inject
    Recorder recorder;

    @BeforeEach
    void setUp() throws Exception {
        broker.purge(QUEUE);
        broker.purge(DLQ);
        TestJndi.bind(JmsIntentExecutor.DEFAULT_CONNECTION_FACTORY, broker.connectionFactory());
        try (JMSContext c = broker.connectionFactory().createContext()) {
            TestJndi.bind(DLQ_NAME, c.createQueue(DLQ));
        }
        System.setProperty(Settings.JMS_DEAD_LETTER_QUEUE, DLQ_NAME);
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(Settings.JMS_DEAD_LETTER_QUEUE);
        TestJndi.unbind(DLQ_NAME);
        TestJndi.unbind(JmsIntentExecutor.DEFAULT_CONNECTION_FACTORY);
    }

    static String ship(String method, Object format, String argument) {
        return Json.createObjectBuilder().add("format", Json.createValue(format.toString().equals("1") ? 1 : 2)).add("id", "i-1").add("name", method)
                .add("target", Json.createObjectBuilder().add("targetType", Shipping.class.getName()).add("declaringClass", Shipping.class.getName())
                        .add("methodName", method).add("parameterTypes", Json.createArrayBuilder().add("java.lang.Long").add("java.lang.String")))
                .add("arguments", Json.createArrayBuilder().add(Json.createReader(new java.io.StringReader(argument)).readValue()).add("x"))
                .add("options", Json.createObjectBuilder()).build().toString();
    }

    String send(String body) throws Exception {
        try (JMSContext c = broker.connectionFactory().createContext()) {
            Message m = c.createTextMessage(body);
            c.createProducer().setProperty(JmsIntentExecutor.PROPERTY_INTENT_ID, "i-1").setProperty(JmsIntentExecutor.PROPERTY_TASK, "t")
                    .send(c.createQueue(QUEUE), m);
            return m.getJMSMessageID();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"newer task", "format 2", "malformed", "inexact"})
    void aRejectedBodyIsMovedToTheDeadLetterQueueWithItsReason(String what) throws Exception {
        String body = switch (what) {
            case "newer task" -> ship("shipByDrone", 1, "1");
            case "format 2" -> ship("ship", 2, "1");
            case "malformed" -> "{\"format\": 1, \"id\": ";
            default -> ship("ship", 1, "1.5");
        };
        String id = send(body);
        try (LogCapture log = new LogCapture()) {
            assertEquals(1, broker.deliver(QUEUE, new ShippingTasks(), 150), "acknowledged, not redelivered");
            assertEquals(List.of(), recorder.calls(), "nothing ran");
            List<String> warnings = log.at(Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains(id) && warnings.get(0).contains("dead-letter queue '" + DLQ_NAME + "'"), warnings.get(0));
        }
        List<Message> dead = broker.receive(DLQ, 2, 1000);
        assertEquals(1, dead.size());
        assertEquals(body, dead.get(0).getBody(String.class), "the body as it arrived");
        assertTrue(dead.get(0).getStringProperty(AirlockTaskReceiver.PROPERTY_FAILURE).startsWith("rejected: "));
        assertEquals(id, dead.get(0).getStringProperty(AirlockTaskReceiver.PROPERTY_ORIGINAL_MESSAGE_ID));
        assertEquals("i-1", dead.get(0).getStringProperty(JmsIntentExecutor.PROPERTY_INTENT_ID));
        assertEquals(0, broker.count(QUEUE));
    }

    @Test
    void withoutADeadLetterQueueARejectedBodyIsOnlyLogged() throws Exception {
        System.clearProperty(Settings.JMS_DEAD_LETTER_QUEUE);
        send(ship("shipByDrone", 1, "1"));
        try (LogCapture log = new LogCapture()) {
            assertEquals(1, broker.deliver(QUEUE, new ShippingTasks(), 150));
            assertEquals(1, log.at(Level.WARNING).size());
        }
        assertEquals(0, broker.count(DLQ));
    }

    @Test
    void aBodyThatWasNotReadIsOnlyLogged() throws Exception {
        try (JMSContext c = broker.connectionFactory().createContext()) {
            BytesMessage m = c.createBytesMessage();
            m.writeBytes(new byte[] {1, 2, 3});
            c.createProducer().send(c.createQueue(QUEUE), m);
        }
        try (LogCapture log = new LogCapture()) {
            assertEquals(1, broker.deliver(QUEUE, new ShippingTasks(), 150));
            assertEquals(1, log.at(Level.WARNING).size());
        }
        assertEquals(0, broker.settledCount(DLQ));
    }

    @Test
    void aRejectionWhoseDeadLetteringFailsIsLeftToTheBroker() throws Exception {
        TestJndi.unbind(DLQ_NAME);
        String id = send(ship("shipByDrone", 1, "1"));
        try (LogCapture log = new LogCapture()) {
            assertEquals(10, broker.deliver(QUEUE, new ShippingTasks(), 10, 150), "redelivered up to the broker's limit, never run");
            List<String> warnings = log.at(Level.WARNING);
            assertEquals(10, warnings.size(), warnings.toString());
            // the log says what happened: neither acknowledged nor moved
            assertTrue(warnings.stream().allMatch(w -> w.contains(id) && w.contains("could not be moved to the dead-letter queue '" + DLQ_NAME + "'")
                    && !w.contains("acknowledged")), warnings.toString());
        }
        assertEquals(List.of(), recorder.calls());
    }
}
