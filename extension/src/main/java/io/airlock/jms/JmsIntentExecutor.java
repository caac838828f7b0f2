package io.airlock.jms;

import io.airlock.BatchRolledBackException;
import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.TaskMethod;
import io.airlock.UndeliverableIntentException;
import io.airlock.internal.failure.Suppressed;
import io.airlock.internal.jms.IntentCodec;
import io.airlock.internal.jms.OwnTransaction;
import io.airlock.internal.jms.TaskRegistry;
import io.airlock.internal.observe.Observation;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Sends each intent as a JMS text message in airlock's JSON format (see {@code docs/jms-format.md}), to be
 * run by an {@link AirlockTaskReceiver} wherever the queue is consumed. Never Java serialization.
 *
 * <ul>
 *   <li>One {@link JMSContext} per flush: {@link #openBatch} first encodes every intent of the batch (an
 *       argument that cannot be carried fails the whole batch with an {@link UndeliverableIntentException}
 *       before anything is sent), then opens one context that all of the batch's messages go through.</li>
 *   <li>One transaction per flush where it can: in {@link Mode#AFTER_COMMIT}, a batch of more than one message runs
 *       in a JTA transaction of its own when the executor has a transaction manager ({@link Builder#transactionManager};
 *       the container's {@code jms} executor has the server's) and none is on the thread; a transacted
 *       {@link JmsContextSource} ({@link JmsContextSource#transacted}) commits its local transaction once. A
 *       failure stops the batch and what went before it is committed before the failure is reported; a failed
 *       commit reports every message of the batch as not dispatched ({@link io.airlock.BatchRolledBackException}).
 *       {@code builder().connectionFactory(cf)} is not transacted: a server's connection factory forbids local
 *       transactions.</li>
 *   <li>Options: {@code delay} → delivery delay, {@code deliverAt} → the delay until then (0 if past),
 *       {@code priority} → JMS priority, {@code timeToLive} → time to live, {@code destination} → the queue
 *       (read as {@link #isJndiName} says), {@code maxRetries} → the
 *       message property {@value #PROPERTY_MAX_RETRIES}, which the receiver honours.</li>
 *   <li>Intents without a method identity (ad-hoc tasks, lambdas) cannot travel: they run synchronously,
 *       in-process, in their place in the batch. A method reference to a varargs method called with its arguments
 *       spread has none either ({@link Intent#unsendableReason()}), but it reads as a method reference: it fails the
 *       batch with an {@link UndeliverableIntentException} that says to pass the array explicitly, and is never run
 *       in-process in the message's place.</li>
 *   <li>{@link Mode#AFTER_COMMIT} (the default) sends after the transaction commits;
 *       {@link Mode#IN_TRANSACTION} sends inside it, so the broker commits or rolls back with it.</li>
 * </ul>
 *
 * <p>In a container, name it {@code jms} ({@code airlock.executor=jms} or {@code @Airlocked(executor = "jms")});
 * it is configured by the {@code airlock.jms.*} keys and looks its resources up in JNDI on first use. In
 * plain Java, build it:
 *
 * <pre>{@code
 * IntentExecutor jms = JmsIntentExecutor.builder().connectionFactory(cf).queue(queue).build();
 * }</pre>
 */
public final class JmsIntentExecutor implements IntentExecutor {

    /** The platform's default connection factory, used when none is configured. */
    public static final String DEFAULT_CONNECTION_FACTORY = "java:comp/DefaultJMSConnectionFactory";
    /** Message property: the intent's id. */
    public static final String PROPERTY_INTENT_ID = "airlockIntentId";
    /** Message property: the task's name. */
    public static final String PROPERTY_TASK = "airlockTask";
    /** Message property: the body's format version. */
    public static final String PROPERTY_FORMAT = "airlockFormat";
    /** Message property: the {@code maxRetries} option, an int, when set. */
    public static final String PROPERTY_MAX_RETRIES = "airlockMaxRetries";
    /** ActiveMQ Artemis' duplicate-detection property, set to the intent's id when the broker is Artemis. */
    public static final String ARTEMIS_DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** The version of the JSON format this executor writes. */
    public static final int FORMAT_VERSION = IntentCodec.FORMAT_VERSION;

    /** When the batch is sent relative to the JTA transaction active at flush. */
    public enum Mode {
        /**
         * Send after the transaction commits (nothing is sent on rollback). A crash between the commit and the
         * send loses the batch: the database has committed, the messages were never sent.
         */
        AFTER_COMMIT("after-commit"),
        /**
         * Send inside the transaction, through a transaction-enlisted (XA) context: the broker and the
         * database commit or roll back together, and a send failure rolls the transaction back and reaches
         * the caller. Needs a connection factory that enlists in JTA (the platform's, in a server).
         */
        IN_TRANSACTION("in-transaction");

        private final String key;

        Mode(String key) {
            this.key = key;
        }

        /** The configuration value: {@code after-commit} or {@code in-transaction}. */
        public String key() {
            return key;
        }

        /**
         * The mode a configuration value names.
         *
         * @throws IllegalArgumentException naming the allowed values
         */
        public static Mode of(String key) {
            for (Mode m : values()) {
                if (m.key.equalsIgnoreCase(key.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown JMS executor mode '" + key + "'. Allowed: after-commit, in-transaction.");
        }
    }

    private final Mode mode;
    private final boolean requireDeclaredTasks;
    private final JmsContextSource explicitSource;
    private final String connectionFactoryName;
    private final Destination queue;
    private final String queueName;
    private final boolean queueNameIsJndi;
    /** The longest body sent, in characters: the receiver's limit. */
    private final int maxMessageSize;
    private volatile JmsContextSource source;
    /** Finds the JTA transaction manager (erased: the JTA API may be absent); null when none was given. */
    private final Supplier<?> managerSource;
    private volatile Object manager;
    private volatile boolean managerLooked;
    private final Map<String, Destination> looked = new ConcurrentHashMap<>();
    /** The {@code destination} option names already logged, each once. */
    private final Set<String> explained = ConcurrentHashMap.newKeySet();
    private static final Logger LOG = Logger.getLogger("io.airlock");

    /** The words a message selector reserves, which no property may be named (JMS 3.0, 3.8.1.1). */
    private static final Set<String> RESERVED = Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE");

    /**
     * Whether a propagation field can be a message property: a Java identifier that is no reserved word and does not
     * begin with {@code JMS}. A field of another name (Jaeger's {@code uber-trace-id}, B3's {@code X-B3-TraceId}) is left
     * out: a broker refuses the whole message for it (Artemis at the send), and the W3C fields the receiver reads go.
     */
    static boolean propertyName(String name) {
        if (name == null || name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0)) || name.startsWith("JMS")
                || RESERVED.contains(name.toUpperCase(java.util.Locale.ROOT))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private JmsIntentExecutor(Builder b) {
        this.mode = b.mode;
        this.requireDeclaredTasks = b.requireDeclaredTasks;
        this.explicitSource = b.contextSource != null ? b.contextSource
                : b.connectionFactory != null ? JmsContextSource.of(b.connectionFactory) : null;
        this.connectionFactoryName = b.connectionFactoryName;
        this.queue = b.queue;
        this.queueName = b.queueName;
        this.queueNameIsJndi = b.queueNameIsJndi;
        this.maxMessageSize = b.maxMessageSize;
        this.managerSource = b.transactionManager;
        if (queueName != null) {
            LOG.info(explain("default queue", queueName, queueNameIsJndi, b.queueNameForced));
        }
    }

    /**
     * How a queue name is read, the same for {@link Builder#queueName}, {@code airlock.jms.queue} and the
     * {@code destination} option: a JNDI name when it starts with {@code java:} or contains a {@code /}
     * ({@code java:app/jms/Tasks}, {@code java:/jms/queue/Tasks}, Open Liberty's and Payara's {@code jms/Tasks}),
     * else the broker's physical queue name ({@code Tasks}: Liberty's messaging engine queue id, OpenMQ's and
     * Artemis' queue name). A JNDI name without a {@code /} is given with {@link Builder#queueLookup}.
     */
    public static boolean isJndiName(String name) {
        return name.startsWith("java:") || name.indexOf('/') >= 0;
    }

    private static String explain(String what, String name, boolean jndi, boolean forced) {
        return "airlock JMS executor: " + what + " '" + name + "' " + (jndi
                ? "is looked up in JNDI (" + (forced ? "queueLookup" : "it starts with java: or contains '/'") + ")"
                : "is used as the broker's physical queue name (no java: prefix and no '/'; a JNDI name without '/' needs "
                        + "JmsIntentExecutor.builder().queueLookup(name))");
    }

    /** A builder; without a connection factory the executor looks up {@value #DEFAULT_CONNECTION_FACTORY}. */
    public static Builder builder() {
        return new Builder();
    }

    public Mode mode() {
        return mode;
    }

    /**
     * True in {@link Mode#IN_TRANSACTION} for an intent that travels as a message: the engine then sends it at
     * flush, inside the active transaction. An ad-hoc intent runs in-process, so it waits for the commit.
     */
    @Override
    public boolean dispatchesInTransaction(Intent intent) {
        return mode == Mode.IN_TRANSACTION && intent.method().isPresent();
    }

    /**
     * Every option, for an intent that travels as a message; an ad-hoc intent runs in-process, synchronously, and
     * honours what {@link IntentExecutor#sync()} does.
     */
    @Override
    public boolean honours(String option, Intent intent) {
        return intent.method().isPresent() || IntentExecutor.sync().honours(option, intent);
    }

    /** Sends one intent through a context of its own; flushes go through {@link #openBatch} instead. */
    @Override
    public void execute(Intent intent) throws Exception {
        try (Batch batch = openBatch(List.of(intent))) {
            batch.execute(intent);
        }
    }

    @Override
    public Batch openBatch(List<Intent> intents) throws Exception {
        Map<Intent, Prepared> prepared = new IdentityHashMap<>();
        int unprepared = 0;
        for (Intent intent : intents) {
            try {
                prepared.put(intent, prepare(intent));
            } catch (QueueNotFound missing) {
                if (prepared.isEmpty()) {
                    throw missing;
                }
                // the intents before it go as they would one by one; this one fails in its place when the batch reaches it
                // (MessageBatch prepares what is left), so that the failure report names it, not the batch's first intent
                unprepared = intents.size() - prepared.size();
                break;
            }
        }
        int messages = unprepared;
        for (Prepared p : prepared.values()) {
            if (p.body != null) {
                messages++;
            }
        }
        if (messages == 0) {
            return Intent::invoke;
        }
        JmsContextSource src = source();
        // after the commit, in a server: a JTA transaction of its own makes the batch one transaction of the broker
        OwnTransaction own = mode == Mode.AFTER_COMMIT && messages > 1 ? beginOwnTransaction() : null;
        JMSContext context;
        try {
            context = src.open();
        } catch (RuntimeException e) {
            if (own != null) {
                own.rollback();
            }
            throw e;
        }
        return new MessageBatch(src, context, prepared, own);
    }

    private OwnTransaction beginOwnTransaction() throws Exception {
        if (managerSource == null) {
            return null;
        }
        if (!managerLooked) {
            synchronized (this) {
                if (!managerLooked) {
                    manager = managerSource.get();
                    managerLooked = true;
                }
            }
        }
        return manager == null ? null : OwnTransaction.beginIfNone(manager);
    }

    private Prepared prepare(Intent intent) {
        if (intent.method().isEmpty()) {
            String unsendable = intent.unsendableReason().orElse(null);
            if (unsendable != null) {
                // it reads as a method reference: running it in-process, as a lambda is, would break the promise of a message
                throw new UndeliverableIntentException(intent, "Cannot send " + intent + " (id " + intent.id() + ") as a JMS message, and "
                        + "it is not run in-process in its place either: " + unsendable + ".", null);
            }
            return new Prepared(null, null, null);
        }
        TaskMethod method = intent.method().get();
        String notATask = requireDeclaredTasks ? TaskRegistry.whyNotSendable(method) : null;
        if (notATask != null) {
            throw new UndeliverableIntentException(intent, "Cannot send " + intent + " (id " + intent.id() + ") as a JMS message: "
                    + method + " is not a declared task of the bean that would run it, so the receiver would reject it: " + notATask
                    + ". Annotate the method the bean class runs (or that class) with @io.airlock.AirlockTask.", null);
        }
        String body = IntentCodec.encode(intent);
        if (body.length() > maxMessageSize) {
            // the receiver would reject it unrun, after this side had reported it dispatched
            throw new UndeliverableIntentException(intent, "Cannot send " + intent + " (id " + intent.id() + ") as a JMS message: its body has "
                    + body.length() + " characters, more than airlock.jms.max-message-size (" + maxMessageSize + "), the longest the receiver "
                    + "accepts, so it would be rejected there without running. Pass the task something smaller (an id it looks the data up "
                    + "by), or raise airlock.jms.max-message-size (JmsIntentExecutor.builder().maxMessageSize(n) in plain Java) on both sides.",
                    null);
        }
        String destinationName = intent.options().destination().orElse(null);
        Destination destination = null;
        if (destinationName == null) {
            if (queue != null) {
                destination = queue;
            } else if (queueName != null && queueNameIsJndi) {
                return new Prepared(body, queueOf(intent, queueName), null);
            } else if (queueName != null) {
                destinationName = queueName;
            } else {
                throw new UndeliverableIntentException(intent, "Cannot send " + intent + " (id " + intent.id() + "): no queue. Set "
                        + "airlock.jms.queue (a JNDI name such as java:app/jms/AirlockTasks), give the executor a queue, or set the "
                        + "intent's 'destination' option.", null);
            }
        }
        if (destinationName != null) {
            boolean jndi = isJndiName(destinationName);
            if (explained.add(destinationName)) {
                LOG.info(explain("destination", destinationName, jndi, false));
            }
            if (jndi) {
                destination = queueOf(intent, destinationName);
                destinationName = null;
            }
        }
        return new Prepared(body, destination, destinationName);
    }

    /** The queue of a JNDI name, looked up for {@code intent}: a failure names the intent. */
    private Destination queueOf(Intent intent, String jndiName) {
        try {
            return lookup(jndiName, Destination.class, "queue");
        } catch (IllegalStateException e) {
            throw new QueueNotFound("Cannot send " + intent + " (id " + intent.id() + "): " + e.getMessage(), e);
        }
    }

    /** An intent's queue is not in JNDI (yet: a resource may appear later, so the failure is not an undeliverable intent). */
    private static final class QueueNotFound extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        QueueNotFound(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private JmsContextSource source() {
        JmsContextSource s = explicitSource != null ? explicitSource : source;
        if (s == null) {
            synchronized (this) {
                s = source;
                if (s == null) {
                    String name = connectionFactoryName != null ? connectionFactoryName : DEFAULT_CONNECTION_FACTORY;
                    s = JmsContextSource.of(lookup(name, ConnectionFactory.class, "connection factory"));
                    source = s;
                }
            }
        }
        return s;
    }

    private <T> T lookup(String name, Class<T> type, String what) {
        Object found = looked.get(name);
        if (found == null) {
            try {
                found = new InitialContext().lookup(name);
            } catch (NamingException | RuntimeException e) {
                throw new IllegalStateException("The JMS executor cannot look up its " + what + " '" + name + "' in JNDI: " + e
                        + ". Define the resource in the server (or with @JMSDestinationDefinition / @JMSConnectionFactoryDefinition), "
                        + "or configure another name (airlock.jms.connection-factory, airlock.jms.queue, or the 'destination' option).", e);
            }
        }
        if (!type.isInstance(found)) {
            throw new IllegalStateException("JNDI name '" + name + "' is a " + (found == null ? "null" : found.getClass().getName())
                    + ", not a " + type.getName() + "; configure the JMS executor's " + what + " with a name bound to a " + type.getSimpleName() + ".");
        }
        if (found instanceof Destination d) {
            looked.put(name, d);
        }
        return type.cast(found);
    }

    @Override
    public String toString() {
        return "jms(" + mode.key() + ", queue " + (queue != null ? queue : queueName) + ")";
    }

    private record Prepared(String body, Destination destination, String physicalName) {
    }

    /** The messages of one flush, all through one context, committed together when the source or a transaction of its own allows. */
    private final class MessageBatch implements Batch {
        private final JmsContextSource src;
        private final JMSContext context;
        private final Map<Intent, Prepared> prepared;
        private final OwnTransaction own;
        /** The intents whose message was sent, in order: what a failed commit undoes. */
        private final List<Intent> sent = new ArrayList<>();
        private final Map<String, Destination> queues = new HashMap<>();
        /** Whether the provider is ActiveMQ Artemis (its client, or WildFly's resource adapter over it). */
        private final boolean artemis;

        MessageBatch(JmsContextSource src, JMSContext context, Map<Intent, Prepared> prepared, OwnTransaction own) {
            this.src = src;
            this.context = context;
            this.prepared = prepared;
            this.own = own;
            this.artemis = context.getClass().getName().startsWith("org.apache.activemq.artemis.");
        }

        @Override
        public void execute(Intent intent) throws Exception {
            Prepared p = prepared.get(intent);
            if (p == null) {
                p = prepare(intent);
            }
            if (p.body == null) {
                // no method identity: runs here, in its place in the batch, outside the batch's own transaction
                if (own != null) {
                    own.outside(intent::invoke);
                } else {
                    intent.invoke();
                }
                return;
            }
            Destination destination = p.destination != null ? p.destination : queues.computeIfAbsent(p.physicalName, context::createQueue);
            DispatchOptions options = intent.options();
            // every setting explicitly, defaults included: providers may share one underlying producer per
            // context, so a setting left out could carry over from the previous message (Artemis does)
            JMSProducer producer = context.createProducer()
                    .setDeliveryMode(DeliveryMode.PERSISTENT)
                    .setDeliveryDelay(deliveryDelay(options))
                    .setPriority(options.priority().orElse(Message.DEFAULT_PRIORITY))
                    .setTimeToLive(options.timeToLive().map(ttl -> Math.max(1, ttl.toMillis())).orElse(Message.DEFAULT_TIME_TO_LIVE))
                    .setProperty(PROPERTY_INTENT_ID, intent.id())
                    .setProperty(PROPERTY_TASK, intent.name())
                    .setProperty(PROPERTY_FORMAT, FORMAT_VERSION);
            options.maxRetries().ifPresent(r -> producer.setProperty(PROPERTY_MAX_RETRIES, r));
            if (artemis) {
                // the broker drops a second message with the same id: a durable intent dispatched twice reaches the queue once
                producer.setProperty(ARTEMIS_DUPLICATE_ID, intent.id());
            }
            Observation.observer().inject(intent, (name, value) -> {
                if (propertyName(name)) {
                    producer.setProperty(name, value);
                }
            });
            TextMessage message = context.createTextMessage(p.body);
            producer.send(destination, message);
            sent.add(intent);
        }

        /**
         * Commits what was sent (the source's commit, then the own transaction's), then lets the context go. A
         * failed commit throws {@link BatchRolledBackException} naming every message sent: none reached the broker.
         */
        @Override
        public void close() {
            Exception failure = null;
            if (!sent.isEmpty()) {
                try {
                    src.commit(context);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            try {
                src.release(context);
            } catch (RuntimeException e) {
                if (failure == null && own == null) {
                    throw e; // sent without a commit of ours: delivered, the engine only logs this
                }
                if (failure != null) {
                    Suppressed.add(failure, e);
                } else {
                    LOG.log(Level.FINE, "Releasing the JMS context before the batch's own transaction commits failed", e);
                }
            }
            if (own != null) {
                if (failure != null || sent.isEmpty()) {
                    own.rollback();
                } else {
                    try {
                        own.commit();
                    } catch (Exception e) {
                        failure = e;
                    }
                }
            }
            if (failure != null) {
                if (sent.isEmpty()) {
                    throw failure instanceof RuntimeException re ? re : new IllegalStateException(failure);
                }
                throw new BatchRolledBackException(sent, "The JMS executor's batch of " + sent.size() + " message(s), sent in one "
                        + (own != null ? "JTA transaction" : "transaction of " + src) + ", did not commit: " + failure
                        + ". None of them reached the broker; they are reported as not dispatched. Check that the broker is reachable.",
                        failure);
            }
        }
    }

    /** The larger of {@code delay} and the time until {@code deliverAt}; zero when neither is set or the instant is past. */
    static long deliveryDelay(DispatchOptions options) {
        long delay = options.delay().map(Duration::toMillis).orElse(0L);
        long until = options.deliverAt().map(at -> Duration.between(Instant.now(), at).toMillis()).orElse(0L);
        return Math.max(0, Math.max(delay, until));
    }

    /** Builds a {@link JmsIntentExecutor}. */
    public static final class Builder {
        private Mode mode = Mode.AFTER_COMMIT;
        private boolean requireDeclaredTasks = true;
        private ConnectionFactory connectionFactory;
        private String connectionFactoryName;
        private JmsContextSource contextSource;
        private Destination queue;
        private String queueName;
        private boolean queueNameIsJndi;
        private boolean queueNameForced;
        private int maxMessageSize = AirlockTaskReceiver.DEFAULT_MAX_MESSAGE_SIZE;
        private Supplier<?> transactionManager;

        private Builder() {
        }

        /** The connection factory each batch's context is created from. */
        public Builder connectionFactory(ConnectionFactory connectionFactory) {
            this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
            return this;
        }

        /** The JNDI name of the connection factory, looked up on first use; {@value #DEFAULT_CONNECTION_FACTORY} by default. */
        public Builder connectionFactoryName(String jndiName) {
            this.connectionFactoryName = requireNonBlank(jndiName, "connectionFactoryName");
            return this;
        }

        /**
         * How each batch's context is obtained (for example with XA enlistment, or
         * {@link JmsContextSource#transacted} for one local transaction per batch); overrides the connection factory.
         */
        public Builder contextSource(JmsContextSource contextSource) {
            this.contextSource = Objects.requireNonNull(contextSource, "contextSource");
            return this;
        }

        /** The default queue, for intents without a {@code destination} option. */
        public Builder queue(Destination queue) {
            this.queue = Objects.requireNonNull(queue, "queue");
            return this;
        }

        /**
         * The default queue by name, read as {@code airlock.jms.queue} is ({@link #isJndiName}): a JNDI name
         * (looked up on first use) when it starts with {@code java:} or contains a {@code /}, else the broker's
         * physical queue name. The executor logs, once, which it took.
         */
        public Builder queueName(String name) {
            this.queueName = requireNonBlank(name, "queueName");
            this.queueNameIsJndi = isJndiName(queueName);
            this.queueNameForced = false;
            return this;
        }

        /** The default queue by JNDI name whatever its form (a name without {@code /} too), looked up on first use. */
        public Builder queueLookup(String jndiName) {
            this.queueName = requireNonBlank(jndiName, "queueLookup");
            this.queueNameIsJndi = true;
            this.queueNameForced = true;
            return this;
        }

        /**
         * The JTA transaction manager, asked once, on the first batch of more than one message (it may answer null:
         * none). In {@link Mode#AFTER_COMMIT}, such a batch is then sent in a JTA transaction of its own when no
         * transaction is associated with the thread: begun before its context is created (a connection factory
         * that enlists in JTA, a server's, enlists it), committed after the last message. A transaction already
         * on the thread is left as it is. The {@code jms} executor configured in a container is given the
         * server's transaction manager.
         */
        public Builder transactionManager(Supplier<? extends jakarta.transaction.TransactionManager> transactionManager) {
            this.transactionManager = Objects.requireNonNull(transactionManager, "transactionManager");
            return this;
        }

        /**
         * The longest body, in characters, that the executor sends: the receiving side's
         * {@code airlock.jms.max-message-size} ({@value AirlockTaskReceiver#DEFAULT_MAX_MESSAGE_SIZE} by default; the
         * {@code jms} executor configured in a container takes that key). An intent whose body is longer fails its batch
         * with an {@link UndeliverableIntentException} before anything is sent: the receiver would reject it unrun.
         *
         * @throws IllegalArgumentException unless it is from 1 to 2147483639
         */
        public Builder maxMessageSize(int characters) {
            if (characters < 1 || characters > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("maxMessageSize must be from 1 to " + (Integer.MAX_VALUE - 8) + " characters, got " + characters);
            }
            this.maxMessageSize = characters;
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Whether intents of methods not declared with {@link io.airlock.AirlockTask} are refused before
         * sending (true by default: the receiver would reject them). Turn it off only when the consumer is not
         * an airlock receiver.
         */
        public Builder requireDeclaredTasks(boolean require) {
            this.requireDeclaredTasks = require;
            return this;
        }

        public JmsIntentExecutor build() {
            return new JmsIntentExecutor(this);
        }

        private static String requireNonBlank(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must be a non-blank name, got " + (value == null ? "null" : "'" + value + "'"));
            }
            return value.trim();
        }
    }
}
