package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Shipping;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code airlockMaxRetries} property counts only as what the executor writes, an int of zero or more (it carries the
 * store's retries for a durable intent that names none); any other value (a long, a negative, a string, a short) leaves
 * the body's checked {@code maxRetries} in force.
 */
@ExtendWith(WeldJunit5Extension.class)
class MaxRetriesPropertyTest {

    static final String QUEUE = "airlock.test.max-retries-property";
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(43);

    static class Tasks extends AirlockMessageListener implements MessageListener {
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Shipping.class);

    @Inject
    Recorder recorder;

    @BeforeEach
    void setUp() throws Exception {
        broker.purge(QUEUE);
        recorder.clear();
    }

    private static String body(Integer maxRetries) {
        JsonObjectBuilder options = Json.createObjectBuilder();
        if (maxRetries != null) {
            options.add("maxRetries", maxRetries);
        }
        return Json.createObjectBuilder().add("format", 1).add("id", "probe-1").add("name", "flaky")
                .add("target", Json.createObjectBuilder().add("targetType", Shipping.class.getName())
                        .add("declaringClass", Shipping.class.getName()).add("methodName", "flaky")
                        .add("parameterTypes", Json.createArrayBuilder().add("java.lang.String")))
                .add("arguments", Json.createArrayBuilder().add("x")).add("options", options).build().toString();
    }

    private void send(String body, Object maxRetriesProperty) throws Exception {
        try (JMSContext c = broker.connectionFactory().createContext()) {
            TextMessage m = c.createTextMessage(body);
            m.setObjectProperty("airlockMaxRetries", maxRetriesProperty);
            c.createProducer().send(c.createQueue(QUEUE), m);
        }
    }

    /** docs/jms-format.md: airlockMaxRetries is an int; maxRetries 0 means one delivery. A long beyond int wraps to 2. */
    @Test
    void aLongBeyondIntIsNotReadAsASmallRetryCount() throws Exception {
        send(body(0), 4294967298L); // (int) 4294967298L == 2
        assertEquals(1, broker.deliver(QUEUE, new Tasks(), 150), "body says maxRetries 0: one delivery; calls: " + recorder.calls());
    }

    /** A negative property (an invalid maxRetries) overrides the body's valid maxRetries 2. */
    @Test
    void aNegativePropertyDoesNotCancelTheBodysRetries() throws Exception {
        send(body(2), -1);
        assertEquals(3, broker.deliver(QUEUE, new Tasks(), 150), "body says maxRetries 2; calls: " + recorder.calls());
    }

    @Test
    void otherKindsOfValueLeaveTheBodysRetriesInForce() throws Exception {
        for (Object property : new Object[] {"2", (short) 2, 2L, 2.0d, Integer.MIN_VALUE, true}) {
            setUp();
            send(body(1), property);
            assertEquals(2, broker.deliver(QUEUE, new Tasks(), 150), property + " (" + property.getClass().getSimpleName() + ")");
        }
    }

    /** What the executor writes: an int, which applies (a durable intent's body may name no maxRetries). */
    @Test
    void anIntPropertyApplies() throws Exception {
        send(body(null), 2);
        assertEquals(3, broker.deliver(QUEUE, new Tasks(), 150), "calls: " + recorder.calls());
        setUp();
        send(body(null), 0);
        assertEquals(1, broker.deliver(QUEUE, new Tasks(), 150), "calls: " + recorder.calls());
    }
}
