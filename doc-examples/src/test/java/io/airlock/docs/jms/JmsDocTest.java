package io.airlock.docs.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.DispatchOptions;
import io.airlock.IntentExecutor;
import io.airlock.docs.shop.Calls;
import io.airlock.docs.shop.Mailer;
import io.airlock.jms.AirlockMessageListener;
import io.airlock.jms.JmsIntentExecutor;
import io.airlock.jms.fixtures.Broker;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/jms.md and the JMS part of docs/dispatch-guide.md, against an embedded Artemis broker. */
class JmsDocTest {

    static Broker broker;
    ConnectionFactory connectionFactory;
    Queue queue;
    final Airlock airlock = Airlock.get();

    @BeforeAll
    static void start() throws Exception {
        broker = Broker.start(71);
    }

    @AfterAll
    static void stop() throws Exception {
        broker.stop();
    }

    @BeforeEach
    void resources() throws Exception {
        Airlock.get().resetConfiguration();
        Calls.clear();
        broker.purge("AirlockTasks");
        connectionFactory = broker.connectionFactory();
        queue = connectionFactory.createContext().createQueue("AirlockTasks");
    }

    @Test
    void theBuilderOfJmsMd() {
        // tag::builder[]
        IntentExecutor jms = JmsIntentExecutor.builder()
                .connectionFactory(connectionFactory)      // or .connectionFactoryName("java:...")
                .queue(queue)                              // or .queueName(name): see "Queue names"
                .mode(JmsIntentExecutor.Mode.AFTER_COMMIT)
                .build();
        // end::builder[]
        airlock.scope().executor(jms).run(() -> airlock.enqueue(Mailer::sendReminder, 7L));
        assertEquals(1, broker.receive("AirlockTasks", 1, 2000).size());
    }

    @Test
    void sendWithOptions() throws Exception {
        // tag::jms[]
        IntentExecutor jms = JmsIntentExecutor.builder().connectionFactory(connectionFactory).queue(queue).build();

        airlock.scope().executor(jms).run(() ->
                airlock.options(DispatchOptions.builder().priority(9).timeToLive(Duration.ofHours(1)).maxRetries(3).build())
                       .enqueue(Mailer::sendConfirmation, 42L, "a@b.c"));
        // flushed: one JSON text message is on the queue, priority 9, expiring in an hour;
        // the task runs where the queue is consumed, by the application's message-driven bean
        // end::jms[]
        List<Message> messages = broker.receive("AirlockTasks", 1, 2000);
        assertEquals(1, messages.size());
        Message m = messages.get(0);
        assertEquals(9, m.getJMSPriority());
        assertTrue(m.getJMSExpiration() > 0);
        assertEquals(3, m.getIntProperty(JmsIntentExecutor.PROPERTY_MAX_RETRIES));
        assertTrue(((TextMessage) m).getText().contains("sendConfirmation"));
        assertEquals(List.of(), Calls.all(), "nothing ran here: dispatch is the hand-over");
    }

    @Test
    void theMdbIsAMessageListener() {
        assertTrue(MessageListener.class.isAssignableFrom(AirlockTasks.class));
        assertTrue(AirlockMessageListener.class.isAssignableFrom(AirlockTasks.class));
    }
}
