package io.airlock.it.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.time.Duration;
import java.util.Optional;

/**
 * The application's dead-letter queue ({@code airlock.jms.dead-letter-queue} in {@code Deployments.jms()}),
 * read by the test. Open Liberty also needs the queue in its messaging engine (server.xml).
 */
@JMSDestinationDefinition(name = DeadLetters.QUEUE, interfaceName = "jakarta.jms.Queue", destinationName = DeadLetters.QUEUE_NAME)
@ApplicationScoped
public class DeadLetters {

    public static final String QUEUE = "java:app/jms/AirlockDeadLetters";
    public static final String QUEUE_NAME = "AirlockDeadLetters";

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = QUEUE)
    Queue queue;

    /** Waits for the dead letter of {@code intentId}, at most {@code timeout}; other dead letters are consumed and skipped. */
    public Optional<Message> await(String intentId, Duration timeout) throws JMSException {
        long end = System.nanoTime() + timeout.toNanos();
        try (JMSContext context = connectionFactory.createContext(); JMSConsumer consumer = context.createConsumer(queue)) {
            while (System.nanoTime() < end) {
                Message message = consumer.receive(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                if (message != null && intentId.equals(message.getStringProperty(io.airlock.jms.JmsIntentExecutor.PROPERTY_INTENT_ID))) {
                    return Optional.of(message);
                }
            }
        }
        return Optional.empty();
    }
}
