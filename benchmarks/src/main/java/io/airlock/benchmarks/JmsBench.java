package io.airlock.benchmarks;

import io.airlock.Airlock;
import io.airlock.Intent;
import io.airlock.jms.JmsContextSource;
import io.airlock.jms.JmsIntentExecutor;
import io.airlock.policy.AllowAll;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * {@value #MESSAGES} persistent intents through the JMS executor (one scope: enqueue all, flush: one
 * {@code JMSContext} for the batch, each intent encoded as its JSON text message) on an embedded in-VM
 * Artemis broker (persistence off), with two context sources:
 * <ul>
 * <li>{@code airlock}: the default context source ({@code builder().connectionFactory(cf)}, an
 * {@code AUTO_ACKNOWLEDGE} context: each persistent send waits for the broker);</li>
 * <li>{@code airlockTransacted}: {@link JmsContextSource#transacted}, the batch in one local transaction,
 * committed once (what the executor does in a server with a JTA transaction of its own).</li>
 * </ul>
 * Against three ways of sending the same {@value #MESSAGES} messages (the texts and properties the executor
 * produced, captured once at setup):
 * <ul>
 * <li>{@code transactedProducer}: one {@code SESSION_TRANSACTED} context and producer, one commit for all of
 * them: the fastest correct raw JMS code, the floor;</li>
 * <li>{@code batchedProducer}: one {@code AUTO_ACKNOWLEDGE} context and producer for all of them, the raw
 * equivalent of the default source;</li>
 * <li>{@code pooledSend}: a context per message, created from one open connection, as code that sends from
 * wherever it is does through a server's pooled connection factory (it replaces a "naive" send opening a
 * connection per message, which no server does).</li>
 * </ul>
 * One operation is all {@value #MESSAGES} sends (single-shot); the queue is emptied after each.
 *
 * <p>{@code airlockBesideRawJms} runs {@code transactedProducer}, {@code airlockTransacted}, {@code batchedProducer}
 * and {@code airlock} in one operation, each timed with {@link System#nanoTime()}: measured moments apart, so that
 * this VM's drift over seconds and minutes lands on all four alike. Their order changes every operation so that each
 * runs in every position and after each of the others equally often ({@link VariantOrders#balanced}); after
 * each, the queue must hold exactly its messages, and is emptied. Each measured operation's times are written at the
 * end of the fork to {@code paired-jms-MESSAGES-PID.json} in the directory named by {@code -Dbench.out} (default
 * {@code benchmarks/target}), which {@code benchmarks/paired.py} turns into airlock's share of each raw producer's
 * throughput, with its interval.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class JmsBench {

    static final int MESSAGES = 10_000;
    static final String QUEUE = "airlock.bench";

    private EmbeddedActiveMQ server;
    private ConnectionFactory cf;
    private Queue queue;
    private JmsIntentExecutor executor;
    private JmsIntentExecutor transactedExecutor;
    /** The pool's open connection, which {@link #pooledSend} creates each message's context from. */
    private JMSContext pooled;
    private Long[] ids;
    private final Airlock airlock = Airlock.get();
    private final List<String> bodies = new ArrayList<>();
    private final List<Map<String, Object>> properties = new ArrayList<>();
    /** {@code airlockBesideRawJms}'s measured operations: the milliseconds of each of {@link #SIDE_BY_SIDE}. */
    private final List<double[]> pairs = new ArrayList<>();
    private boolean measuring;
    /** {@code airlockBesideRawJms}'s orders, one per operation in turn. */
    private final VariantOrders orders = VariantOrders.balanced(SIDE_BY_SIDE.size());

    /** {@code airlockBesideRawJms}'s batches, in the order of their columns. */
    private static final List<String> SIDE_BY_SIDE = List.of("transactedProducer", "airlockTransacted", "batchedProducer", "airlock");

    @Setup
    public void setUp() throws Exception {
        server = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false).setSecurityEnabled(false).setJMXManagementEnabled(false)
                .addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(), Map.of("serverId", 7))));
        server.start();
        cf = new ActiveMQConnectionFactory("vm://7");
        try (JMSContext context = cf.createContext()) {
            queue = context.createQueue(QUEUE);
        }
        // plain Java, no CDI: no @AirlockTask registry to consult, so the receiver-side check is off
        executor = JmsIntentExecutor.builder().connectionFactory(cf).queue(queue).requireDeclaredTasks(false).build();
        transactedExecutor = JmsIntentExecutor.builder().contextSource(JmsContextSource.transacted(cf)).queue(queue)
                .requireDeclaredTasks(false).build();
        pooled = cf.createContext();
        ids = new Long[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            ids[i] = (long) i;
        }
        // the baselines send exactly what the executor sends
        airlock();
        try (JMSContext context = cf.createContext(); JMSConsumer consumer = context.createConsumer(queue)) {
            for (int i = 0; i < MESSAGES; i++) {
                Message m = consumer.receive(10_000);
                bodies.add(((TextMessage) m).getText());
                Map<String, Object> props = new java.util.LinkedHashMap<>();
                for (String name : Collections.list((java.util.Enumeration<String>) m.getPropertyNames())) {
                    if (name.startsWith("airlock")) {
                        props.put(name, m.getObjectProperty(name));
                    }
                }
                properties.add(props);
            }
        }
        purge();
    }

    @TearDown(Level.Invocation)
    public void purge() throws Exception {
        org.apache.activemq.artemis.core.server.Queue q = server.getActiveMQServer().locateQueue(QUEUE);
        // a committed transaction's messages reach the queue's count shortly after commit() returns: wait for them
        long count = await(q, n -> n == 0 || n >= MESSAGES);
        if (count != 0 && count != MESSAGES) {
            throw new IllegalStateException("expected " + MESSAGES + " messages, the queue has " + count);
        }
        q.deleteAllReferences();
    }

    /**
     * Checks that the batch {@code sent} left exactly {@value #MESSAGES} messages on the queue (a committed
     * transaction's messages reach the queue's count shortly after the commit), then deletes them and waits until the
     * queue is empty, so that nothing of one batch is counted, or deleted, with the next.
     */
    private void empty(String sent) throws Exception {
        org.apache.activemq.artemis.core.server.Queue q = server.getActiveMQServer().locateQueue(QUEUE);
        long count = await(q, n -> n >= MESSAGES);
        if (count != MESSAGES) {
            throw new IllegalStateException(sent + " left " + count + " messages on the queue, not " + MESSAGES);
        }
        q.deleteAllReferences();
        count = await(q, n -> n == 0);
        if (count != 0) {
            throw new IllegalStateException(count + " messages left on the queue after deleting those of " + sent);
        }
    }

    /** The queue's message count once it passes {@code done}, or after 10 s. */
    private static long await(org.apache.activemq.artemis.core.server.Queue q, java.util.function.LongPredicate done) throws InterruptedException {
        long count = q.getMessageCount();
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); !done.test(count) && System.nanoTime() < deadline; ) {
            Thread.sleep(10);
            count = q.getMessageCount();
        }
        return count;
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    @TearDown
    public void tearDown() throws Exception {
        pooled.close();
        server.stop();
        if (!pairs.isEmpty()) {
            PairedTimes.write("jms", Map.of("messages", String.valueOf(MESSAGES)), SIDE_BY_SIDE.stream().map(name -> name + ".ms").toList(), pairs);
        }
    }

    @Benchmark
    public List<Intent> airlock() {
        return flush(executor);
    }

    @Benchmark
    public List<Intent> airlockTransacted() {
        return flush(transactedExecutor);
    }

    private List<Intent> flush(JmsIntentExecutor through) {
        io.airlock.Scope scope = new io.airlock.Scope(new AllowAll(), through).enter();
        for (Long id : ids) {
            airlock.enqueue(Sink::accept, id);
        }
        scope.exit();
        return scope.flush();
    }

    @Benchmark
    public void transactedProducer() {
        try (JMSContext context = cf.createContext(JMSContext.SESSION_TRANSACTED)) {
            JMSProducer producer = context.createProducer();
            for (int i = 0; i < MESSAGES; i++) {
                send(context, producer, i);
            }
            context.commit();
        }
    }

    @Benchmark
    public void pooledSend() {
        for (int i = 0; i < MESSAGES; i++) {
            try (JMSContext context = pooled.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
                send(context, context.createProducer(), i);
            }
        }
    }

    @Benchmark
    public void batchedProducer() {
        try (JMSContext context = cf.createContext()) {
            JMSProducer producer = context.createProducer();
            for (int i = 0; i < MESSAGES; i++) {
                send(context, producer, i);
            }
        }
    }

    @Benchmark
    @Warmup(iterations = 10)
    @Measurement(iterations = 30)
    @Fork(value = 3, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
    public void airlockBesideRawJms(Blackhole blackhole) throws Exception {
        double[] millis = new double[SIDE_BY_SIDE.size()];
        for (int which : orders.next()) {
            long start = System.nanoTime();
            switch (which) {
                case 0 -> transactedProducer();
                case 1 -> blackhole.consume(airlockTransacted());
                case 2 -> batchedProducer();
                default -> blackhole.consume(airlock());
            }
            millis[which] = (System.nanoTime() - start) / 1e6;
            empty(SIDE_BY_SIDE.get(which));
        }
        if (measuring) {
            pairs.add(millis);
            System.out.printf(Locale.ROOT, "paired: transactedProducer %.1f ms, airlockTransacted %.1f ms, batchedProducer %.1f ms, airlock %.1f ms%n",
                    millis[0], millis[1], millis[2], millis[3]);
        }
    }

    private void send(JMSContext context, JMSProducer producer, int i) {
        TextMessage message = context.createTextMessage(bodies.get(i));
        properties.get(i).forEach(producer::setProperty);
        producer.send(queue, message);
    }
}
