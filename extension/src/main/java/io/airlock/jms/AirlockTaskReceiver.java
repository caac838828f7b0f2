package io.airlock.jms;

import io.airlock.Airlock;
import io.airlock.Intent;
import io.airlock.internal.cdi.AirlockExtension;
import io.airlock.internal.cdi.Settings;
import io.airlock.internal.failure.FailureText;
import io.airlock.internal.jms.IntentCodec;
import io.airlock.internal.observe.Observation;
import io.airlock.spi.TargetResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Runs the intents that arrive as messages from a {@link JmsIntentExecutor}: a CDI bean, registered by airlock's
 * extension, that the application's message-driven bean hands each message to (extend
 * {@link AirlockMessageListener}, or inject this bean and call {@link #onMessage}).
 *
 * <p>It runs only methods the application declared with {@link io.airlock.AirlockTask}, collected at
 * deployment. The names in a message are compared with the declared tasks as strings: no class a message
 * names is ever loaded. The bean CDI resolves for the message's target type must then be a managed bean whose
 * class declares, as a task, the very method that would run on it (its own, an inherited one or an interface
 * default, never a bridge, static, private, abstract or {@code Object} method), and the task runs on that bean:
 * a message naming a supertype that resolves to another bean, or a method an override took the annotation
 * away from, is rejected. A message that does not describe a declared task with matching arguments (an unknown
 * class or method, wrong arity or argument types, an argument that is not exactly a value of its declared
 * type at any depth (a number out of the type's range, a fraction or an exponent for an integral type, a
 * {@code float} or {@code double} that would overflow or underflow to zero, a string for a number, a number for
 * a string or a boolean, a string that is not one character for a {@code char}, {@code null} for a primitive:
 * {@code docs/jms-format.md}), malformed or too deeply nested JSON, a wrong format version, a message that is
 * not a {@link TextMessage}, a body larger than {@code airlock.jms.max-message-size}) is logged once at WARNING
 * with its JMS message id and the reason (for an argument: its position, name and declared type, and the path
 * and value of the offending JSON, such as {@code args[0].items[2].qty: 4294967338}), and acknowledged:
 * nothing runs, nothing is thrown, nothing is redelivered. With {@code airlock.jms.dead-letter-queue} set, such a body
 * (one that was read as text) is moved there as well, with the reason.
 *
 * <p>The task runs in its own airlock scope, its target resolved from CDI: the intents it enqueues are
 * dispatched when it returns normally and discarded when it throws. That scope has the application's default
 * policy and executor ({@code airlock.policy}, {@code airlock.executor}), as any scope the application opens. When it throws, the intent's
 * {@code maxRetries} decides: while {@code JMSXDeliveryCount <= maxRetries} the receiver throws a
 * {@link TaskRedeliveryException} so the container rolls back and the broker redelivers; after that (or
 * without {@code maxRetries}) it logs at SEVERE, sends the body to {@code airlock.jms.dead-letter-queue} if
 * one is configured, and returns normally.
 */
@ApplicationScoped
public class AirlockTaskReceiver {

    /** Bodies longer than this many characters are rejected unless {@code airlock.jms.max-message-size} says otherwise. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;
    /** Dead-letter message property: why the task gave up (the exception). */
    public static final String PROPERTY_FAILURE = "airlockFailure";
    /** Dead-letter message property: the delivery on which the receiver gave up. */
    public static final String PROPERTY_DELIVERY_COUNT = "airlockDeliveryCount";
    /** Dead-letter message property: the JMS message id of the original message. */
    public static final String PROPERTY_ORIGINAL_MESSAGE_ID = "airlockOriginalMessageId";

    private static final Logger LOG = Logger.getLogger("io.airlock.jms");
    /** ActiveMQ Artemis' property announcing a large message's body size in bytes. */
    static final String ARTEMIS_LARGE_SIZE = "_AMQ_LARGE_SIZE";
    /** Bytes an Artemis text body takes beyond two per character (a length prefix and a null marker), with room to spare. */
    private static final int ARTEMIS_TEXT_OVERHEAD = 64;

    @Inject
    BeanManager beanManager;

    private volatile AirlockExtension extension;

    /**
     * Runs the task the message carries, or rejects the message. Returns normally for every message that
     * must not be redelivered (rejected ones included).
     *
     * @throws TaskRedeliveryException when the task failed and its {@code maxRetries} allow another delivery
     */
    public void onMessage(Message message) {
        String messageId = messageId(message);
        int maxSize = maxMessageSize(); // outside the try: a bad setting must not turn into acknowledged messages
        String body = null;
        IntentCodec.Decoded decoded;
        TargetResolver target;
        try {
            body = body(message, maxSize);
            decoded = IntentCodec.decode(body, extension().tasks());
            // the bean CDI resolves for the target type must be one whose class declares the method that would run
            target = extension().taskTargets().checked(decoded.method());
        } catch (IntentCodec.Rejected rejected) {
            rejected(message, messageId, body, rejected.getMessage());
            return;
        } catch (RuntimeException | JMSException unreadable) {
            rejected(message, messageId, body, "it cannot be read (" + unreadable + ")");
            return;
        }
        Intent intent;
        try {
            intent = Intent.builder(decoded.method(), decoded.args()).id(decoded.id()).name(decoded.name()).origin(decoded.origin())
                    .options(decoded.options()).resolver(target).build();
        } catch (RuntimeException e) {
            rejected(message, messageId, body, e.getMessage());
            return;
        }
        int delivery = deliveryCount(message);
        OptionalInt maxRetries = maxRetries(message, intent);
        String dlqName = delivery > maxRetries.orElse(0) + 1L ? Settings.get(Settings.JMS_DEAD_LETTER_QUEUE).orElse(null) : null;
        if (dlqName != null) {
            // a delivery past the intent's attempts: an earlier one was not acknowledged (it gave up and could not dead-letter
            // the message, so it threw; or its transaction rolled back, or the server stopped, while or after the task ran).
            // Running the task again would exceed its maxRetries, up to the broker's own limit. Dead-letter it, unrun.
            String text = "Task " + intent + " (intent id " + intent.id() + ", JMS message " + messageId + ") arrived for delivery " + delivery
                    + (maxRetries.isPresent() ? ", past its maxRetries " + maxRetries.getAsInt() : ", past its one attempt (no maxRetries)")
                    + ": an earlier delivery was not acknowledged (it gave up and could not move the message to the dead-letter queue, "
                    + "or its transaction rolled back, or the server stopped during it). It is not run again; moving it to " + dlqName
                    + ". Give the task a maxRetries to have such a delivery run it again.";
            LOG.log(Level.SEVERE, text);
            deadLetter(messageId, body, intent, new IllegalStateException(text), delivery);
            return;
        }
        Observation.observer().extract(intent, name -> property(message, name));
        try {
            Airlock.get().run(intent::invoke);
        } catch (Exception | LinkageError | AssertionError failure) {
            failed(messageId, body, intent, failure, delivery, maxRetries);
        }
    }

    private void failed(String messageId, String body, Intent intent, Throwable failure, int delivery, OptionalInt maxRetries) {
        if (maxRetries.isPresent() && delivery <= maxRetries.getAsInt()) {
            String text = "Task " + intent + " (intent id " + intent.id() + ", JMS message " + messageId + ") failed on delivery " + delivery
                    + "; maxRetries " + maxRetries.getAsInt() + " allows a redelivery: " + FailureText.of(failure);
            LOG.log(Level.INFO, text);
            Observation.observer().retried(intent, delivery, failure);
            throw new TaskRedeliveryException(text, failure, delivery, maxRetries.getAsInt());
        }
        LOG.log(Level.SEVERE, "Task " + intent + " (intent id " + intent.id() + ", JMS message " + messageId + ") failed on delivery " + delivery
                + (maxRetries.isPresent() ? ", past its maxRetries " + maxRetries.getAsInt() : " and has no maxRetries")
                + "; giving up" + (Settings.get(Settings.JMS_DEAD_LETTER_QUEUE).map(q -> ", moving it to " + q).orElse("")), failure);
        deadLetter(messageId, body, intent, failure, delivery);
    }

    private void deadLetter(String messageId, String body, Intent intent, Throwable failure, int delivery) {
        deadLetter(messageId, body, FailureText.of(failure), delivery, intent.id(), intent.name(), intent.toString());
    }

    /**
     * A message that is not run: logged at WARNING with the reason and acknowledged. A body that was read as text goes to
     * the dead-letter queue, when one is configured, with the reason as its failure: a task a newer sender declared, or a
     * format version this receiver does not read, is then kept for an operator rather than dropped.
     */
    private void rejected(Message message, String messageId, String body, String reason) {
        String dlqName = body == null ? null : Settings.get(Settings.JMS_DEAD_LETTER_QUEUE).orElse(null);
        if (dlqName != null) {
            try {
                deadLetter(messageId, body, "rejected: " + reason, deliveryCount(message), property(message, JmsIntentExecutor.PROPERTY_INTENT_ID),
                        property(message, JmsIntentExecutor.PROPERTY_TASK), "a rejected message");
            } catch (RuntimeException unreachable) {
                // said only once it is true: the message is neither acknowledged nor moved, the broker redelivers it
                LOG.log(Level.WARNING, "Rejected JMS message {0}: {1}. Nothing was run; the message could not be moved to the dead-letter "
                        + "queue ''{2}'' and is left to the broker''s redelivery.", new Object[] {messageId, reason, dlqName});
                throw unreachable;
            }
        }
        LOG.log(Level.WARNING, "Rejected JMS message {0}: {1}. Nothing was run; the message is acknowledged{2}.",
                new Object[] {messageId, reason, dlqName == null ? "" : ", its body moved to the dead-letter queue '" + dlqName + "'"});
    }

    private void deadLetter(String messageId, String body, String failure, int delivery, String intentId, String task, String what) {
        String dlqName = Settings.get(Settings.JMS_DEAD_LETTER_QUEUE).orElse(null);
        if (dlqName == null) {
            return;
        }
        String cfName = Settings.get(Settings.JMS_CONNECTION_FACTORY).orElse(JmsIntentExecutor.DEFAULT_CONNECTION_FACTORY);
        try {
            Destination dlq = lookup(dlqName, Destination.class);
            ConnectionFactory cf = lookup(cfName, ConnectionFactory.class);
            try (JMSContext context = cf.createContext()) {
                jakarta.jms.JMSProducer producer = context.createProducer()
                        .setProperty(PROPERTY_FAILURE, failure)
                        .setProperty(PROPERTY_DELIVERY_COUNT, delivery)
                        .setProperty(PROPERTY_ORIGINAL_MESSAGE_ID, messageId);
                if (intentId != null) {
                    producer.setProperty(JmsIntentExecutor.PROPERTY_INTENT_ID, intentId);
                }
                if (task != null) {
                    producer.setProperty(JmsIntentExecutor.PROPERTY_TASK, task);
                }
                producer.send(dlq, body);
            }
        } catch (RuntimeException | NamingException e) {
            // not lost: the container rolls back and the broker redelivers or dead-letters it itself
            throw new IllegalStateException("Could not move JMS message " + messageId + " (" + what + ") to the dead-letter queue '" + dlqName
                    + "' through '" + cfName + "': " + e + ". Check airlock.jms.dead-letter-queue and airlock.jms.connection-factory; "
                    + "the message is left to the broker's redelivery.", e);
        }
    }

    /** A string property of the message, or null when it has none or cannot be read. */
    private static String property(Message message, String name) {
        try {
            return message.getStringProperty(name);
        } catch (JMSException | RuntimeException unreadable) {
            return null;
        }
    }

    private static <T> T lookup(String name, Class<T> type) throws NamingException {
        Object found = new InitialContext().lookup(name);
        if (!type.isInstance(found)) {
            throw new IllegalStateException("JNDI name '" + name + "' is not a " + type.getName());
        }
        return type.cast(found);
    }

    private static String body(Message message, int max) throws IntentCodec.Rejected, JMSException {
        if (!(message instanceof TextMessage text)) {
            throw new IntentCodec.Rejected("it is a " + kind(message) + ", not a TextMessage; airlock intents travel as JSON text");
        }
        long announced = announcedBodyBytes(message);
        if (announced > 2L * max + ARTEMIS_TEXT_OVERHEAD) {
            throw new IntentCodec.Rejected("its body takes " + announced + " bytes at the broker, more than airlock.jms.max-message-size ("
                    + max + " characters) can need; it was not read");
        }
        String body = text.getText();
        if (body == null) {
            throw new IntentCodec.Rejected("it has no body");
        }
        if (body.length() > max) {
            throw new IntentCodec.Rejected("its body has " + body.length() + " characters, more than airlock.jms.max-message-size (" + max + ")");
        }
        return body;
    }

    /** Validated at deployment; a value changed to something invalid since then throws, so the message is redelivered, not dropped. */
    private static int maxMessageSize() {
        return Settings.jmsMaxMessageSize(DEFAULT_MAX_MESSAGE_SIZE);
    }

    /**
     * The body size a broker announces before the body is read, or -1. ActiveMQ Artemis (WildFly's broker)
     * streams a large message (over 100 KiB by default) and sets {@value #ARTEMIS_LARGE_SIZE} to its size in
     * bytes; its text body takes two bytes per character. The JMS API has no portable way to learn a text
     * body's size before reading it.
     */
    private static long announcedBodyBytes(Message message) {
        try {
            if (message.propertyExists(ARTEMIS_LARGE_SIZE) && message.getObjectProperty(ARTEMIS_LARGE_SIZE) instanceof Number n) {
                return n.longValue();
            }
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, "No readable " + ARTEMIS_LARGE_SIZE, e);
        }
        return -1;
    }

    private static String kind(Message message) {
        Class<?>[] known = {jakarta.jms.BytesMessage.class, jakarta.jms.MapMessage.class, jakarta.jms.StreamMessage.class};
        for (Class<?> type : known) {
            if (type.isInstance(message)) {
                return type.getSimpleName();
            }
        }
        return message.getClass().getSimpleName();
    }

    private static int deliveryCount(Message message) {
        try {
            if (message.propertyExists("JMSXDeliveryCount")) {
                return message.getIntProperty("JMSXDeliveryCount");
            }
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, "No readable JMSXDeliveryCount", e);
        }
        return 1;
    }

    /**
     * The property the executor sets (it also carries the store's retries for a durable intent that names none), when
     * it is what the executor writes: an int of zero or more. Anything else (a long, a negative number, a string) is
     * not taken for a retry count: the body's checked option stands.
     */
    private static OptionalInt maxRetries(Message message, Intent intent) {
        try {
            if (message.propertyExists(JmsIntentExecutor.PROPERTY_MAX_RETRIES)) {
                Object property = message.getObjectProperty(JmsIntentExecutor.PROPERTY_MAX_RETRIES);
                if (property instanceof Integer n && n >= 0) {
                    return OptionalInt.of(n);
                }
                LOG.log(Level.WARNING, "Message {0}: property {1} is {2} ({3}), not an int of zero or more; the body''s maxRetries ({4}) "
                        + "applies.", new Object[] {messageId(message), JmsIntentExecutor.PROPERTY_MAX_RETRIES, property,
                        property == null ? "null" : property.getClass().getSimpleName(), intent.options().maxRetries()});
            }
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, "No readable " + JmsIntentExecutor.PROPERTY_MAX_RETRIES, e);
        }
        return intent.options().maxRetries();
    }

    private static String messageId(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException | RuntimeException e) {
            return "(no message id)";
        }
    }

    private AirlockExtension extension() {
        AirlockExtension e = extension;
        if (e == null) {
            e = beanManager.getExtension(AirlockExtension.class);
            extension = e;
        }
        return e;
    }
}
