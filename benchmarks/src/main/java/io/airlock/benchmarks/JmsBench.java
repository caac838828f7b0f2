package io.airlock.benchmarks;

import io.airlock.Airlock;
import io.airlock.Intent;
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

/**
 * {@value #MESSAGES} intents through the JMS executor (one scope: enqueue all, flush: one
 * {@code JMSContext} for the batch, each intent encoded as its JSON text message) on an embedded in-VM
 * Artemis broker (persistence off), against two ways of sending the same {@value #MESSAGES} messages
 * (the texts and properties the executor produced, captured once at setup):
 * <ul>
 * <li>{@code naiveSend}: one {@code JMSContext} (so one connection) per message, as code that sends from
 * wherever it is tends to;</li>
 * <li>{@code batchedProducer}: one context and producer for all of them, the raw floor.</li>
 * </ul>
 * One operation is all {@value #MESSAGES} sends (single-shot); the queue is emptied after each.
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
    private Long[] ids;
    private final Airlock airlock = Airlock.get();
    private final List<String> bodies = new ArrayList<>();
    private final List<Map<String, Object>> properties = new ArrayList<>();

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
        long count = q.getMessageCount();
        if (count != 0 && count != MESSAGES) {
            throw new IllegalStateException("expected " + MESSAGES + " messages, the queue has " + count);
        }
        q.deleteAllReferences();
    }

    @TearDown
    public void tearDown() throws Exception {
        server.stop();
    }

    @Benchmark
    public List<Intent> airlock() {
        io.airlock.Scope scope = new io.airlock.Scope(new AllowAll(), executor).enter();
        for (Long id : ids) {
            airlock.enqueue(Sink::accept, id);
        }
        scope.exit();
        return scope.flush();
    }

    @Benchmark
    public void naiveSend() {
        for (int i = 0; i < MESSAGES; i++) {
            try (JMSContext context = cf.createContext()) {
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

    private void send(JMSContext context, JMSProducer producer, int i) {
        TextMessage message = context.createTextMessage(bodies.get(i));
        properties.get(i).forEach(producer::setProperty);
        producer.send(queue, message);
    }
}
