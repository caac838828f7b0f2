package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.Task1;
import io.airlock.UndeliverableIntentException;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.jms.fixtures.Address;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Opaque;
import io.airlock.jms.fixtures.Parcel;
import io.airlock.jms.fixtures.Shipping;
import io.airlock.jms.fixtures.Speed;
import io.airlock.jms.fixtures.TestJndi;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JMS executor against a real embedded Artemis broker, in plain Java: the message, the options, the batch. */
@ExtendWith(CleanAirlock.class)
class JmsIntentExecutorTest {

    static final String QUEUE = "airlock.tasks";
    static final String OTHER = "airlock.other";
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(11);

    final AtomicInteger contexts = new AtomicInteger();
    final List<String> local = new CopyOnWriteArrayList<>();
    JmsIntentExecutor jms;
    Airlock airlock = Airlock.get();

    @BeforeEach
    void executor() throws Exception {
        broker.purge(QUEUE);
        broker.purge(OTHER);
        jms = JmsIntentExecutor.builder().connectionFactory(counting(broker.connectionFactory()))
                .queue(broker.connectionFactory().createContext().createQueue(QUEUE)).build();
    }

    @AfterEach
    void unbind() {
        TestJndi.unbind("java:app/jms/Other");
    }

    /** A connection factory that counts the contexts created through it. */
    ConnectionFactory counting(ConnectionFactory real) {
        return (ConnectionFactory) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ConnectionFactory.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("createContext")) {
                        contexts.incrementAndGet();
                    }
                    return method.invoke(real, args);
                });
    }

    void flush(Runnable body) {
        airlock.scope().executor(jms).run(body::run);
    }

    static JsonObject json(Message m) throws Exception {
        return Json.createReader(new StringReader(((TextMessage) m).getText())).readObject();
    }

    @Test
    void anIntentTravelsAsDocumentedJsonText() throws Exception {
        Intent[] sent = new Intent[1];
        flush(() -> sent[0] = airlock.origin("checkout").options(DispatchOptions.builder().maxRetries(3).set("tenant", "acme").build())
                .enqueue(Shipping::ship, 42L, "Main St"));
        List<Message> messages = broker.receive(QUEUE, 1, 1000);
        assertEquals(1, messages.size());
        assertEquals(List.of(), broker.receive(QUEUE, 1, 100), "exactly one message");
        Message m = assertInstanceOf(TextMessage.class, messages.get(0));
        JsonObject body = json(m);
        assertEquals(1, body.getInt("format"));
        assertEquals(sent[0].id(), body.getString("id"));
        assertEquals("ship", body.getString("name"));
        JsonObject target = body.getJsonObject("target");
        assertEquals(Shipping.class.getName(), target.getString("targetType"));
        assertEquals(Shipping.class.getName(), target.getString("declaringClass"));
        assertEquals("ship", target.getString("methodName"));
        assertEquals(Json.createArrayBuilder().add("java.lang.Long").add("java.lang.String").build(), target.getJsonArray("parameterTypes"));
        assertEquals(Json.createArrayBuilder().add(42).add("Main St").build(), body.getJsonArray("arguments"));
        assertEquals("checkout", body.getString("origin"));
        assertEquals(Json.createObjectBuilder().add("maxRetries", 3).add("tenant", "acme").build(), body.getJsonObject("options"));
        assertEquals(sent[0].id(), m.getStringProperty(JmsIntentExecutor.PROPERTY_INTENT_ID));
        assertEquals("ship", m.getStringProperty(JmsIntentExecutor.PROPERTY_TASK));
        assertEquals(1, m.getIntProperty(JmsIntentExecutor.PROPERTY_FORMAT));
        assertEquals(3, m.getIntProperty(JmsIntentExecutor.PROPERTY_MAX_RETRIES));
    }

    @Test
    void argumentsAreWrittenWithJsonBAgainstTheDeclaredTypes() throws Exception {
        Instant at = Instant.parse("2026-01-31T12:00:00Z");
        flush(() -> {
            airlock.enqueue(Shipping::objects, 7L, "fragile", Speed.EXPRESS, new Parcel("SKU-1", 1200, List.of("top", "side")),
                    new Address("1 Main St", "Springfield"));
            airlock.enqueue(Shipping::values, List.of("a", "b"), at, new BigDecimal("19.90"), 3L, true);
        });
        List<Message> messages = broker.receive(QUEUE, 2, 1000);
        assertEquals(Json.createReader(new StringReader("[7,\"fragile\",\"EXPRESS\",{\"labels\":[\"top\",\"side\"],\"sku\":\"SKU-1\","
                + "\"weightGrams\":1200},{\"city\":\"Springfield\",\"street\":\"1 Main St\"}]")).readArray(),
                json(messages.get(0)).getJsonArray("arguments"));
        JsonObject values = json(messages.get(1));
        assertEquals(Json.createReader(new StringReader("[[\"a\",\"b\"],\"2026-01-31T12:00:00Z\",19.90,3,true]")).readArray(),
                values.getJsonArray("arguments"));
        assertEquals("long", values.getJsonObject("target").getJsonArray("parameterTypes").getString(3));
    }

    @Test
    void priorityIsTheJmsPriorityAndTheBrokerHonoursIt() throws Exception {
        flush(() -> {
            airlock.options(DispatchOptions.builder().priority(1).build()).enqueue(Shipping::ship, 1L, "low");
            airlock.options(DispatchOptions.builder().priority(9).build()).enqueue(Shipping::ship, 2L, "high");
        });
        List<Message> messages = broker.receive(QUEUE, 2, 1000);
        assertEquals(9, messages.get(0).getJMSPriority(), "the higher priority overtakes at the broker");
        assertEquals("high", json(messages.get(0)).getJsonArray("arguments").getString(1));
        assertEquals(1, messages.get(1).getJMSPriority());
    }

    @Test
    void delayIsADeliveryDelayTheBrokerEnforces() throws Exception {
        long before = System.currentTimeMillis();
        flush(() -> airlock.options(DispatchOptions.builder().delay(Duration.ofMillis(900)).build()).enqueue(Shipping::ship, 1L, "later"));
        assertEquals(1, broker.settledCount(QUEUE), "sent: the broker holds it");
        assertEquals(List.of(), broker.receive(QUEUE, 1, 400), "not receivable before its delay");
        Message m = broker.receive(QUEUE, 1, 3000).get(0);
        assertTrue(System.currentTimeMillis() - before >= 900);
        assertTrue(m.getJMSDeliveryTime() >= before + 900, "JMSDeliveryTime " + m.getJMSDeliveryTime() + " vs sent " + before);
    }

    @Test
    void deliverAtIsTheDelayUntilThenAndZeroWhenPast() throws Exception {
        long before = System.currentTimeMillis();
        flush(() -> {
            airlock.options(DispatchOptions.builder().deliverAt(Instant.now().plusMillis(900)).build()).enqueue(Shipping::ship, 1L, "at");
            airlock.options(DispatchOptions.builder().deliverAt(Instant.now().minusSeconds(60)).build()).enqueue(Shipping::ship, 2L, "past");
        });
        List<Message> early = broker.receive(QUEUE, 2, 400);
        assertEquals(1, early.size(), "only the past one is receivable at once");
        assertEquals("past", json(early.get(0)).getJsonArray("arguments").getString(1));
        Message at = broker.receive(QUEUE, 1, 3000).get(0);
        assertTrue(at.getJMSDeliveryTime() >= before + 800, "delivery time " + (at.getJMSDeliveryTime() - before) + " ms after sending");
        assertTrue(System.currentTimeMillis() - before >= 800);
    }

    @Test
    void timeToLiveSetsTheExpiration() throws Exception {
        long before = System.currentTimeMillis();
        flush(() -> {
            airlock.options(DispatchOptions.builder().timeToLive(Duration.ofMinutes(5)).build()).enqueue(Shipping::ship, 1L, "ttl");
            airlock.enqueue(Shipping::ship, 2L, "forever");
        });
        List<Message> messages = broker.receive(QUEUE, 2, 1000);
        long expiration = messages.get(0).getJMSExpiration();
        assertTrue(expiration >= before + 300_000 && expiration <= System.currentTimeMillis() + 300_000, "expiration " + expiration);
        assertEquals(0, messages.get(1).getJMSExpiration(), "no time to live: never expires");
    }

    @Test
    void anExpiredMessageIsNeverDelivered() throws Exception {
        flush(() -> airlock.options(DispatchOptions.builder().timeToLive(Duration.ofMillis(50)).delay(Duration.ofMillis(200)).build())
                .enqueue(Shipping::ship, 1L, "stale"));
        assertEquals(List.of(), broker.receive(QUEUE, 1, 800));
    }

    @Test
    void destinationChoosesTheQueueByPhysicalNameOrJndiName() throws Exception {
        try (JMSContext c = broker.connectionFactory().createContext()) {
            TestJndi.bind("java:app/jms/Other", c.createQueue(OTHER));
        }
        flush(() -> {
            airlock.options(DispatchOptions.builder().destination(OTHER).build()).enqueue(Shipping::ship, 1L, "physical");
            airlock.options(DispatchOptions.builder().destination("java:app/jms/Other").build()).enqueue(Shipping::ship, 2L, "jndi");
            airlock.enqueue(Shipping::ship, 3L, "default");
        });
        List<Message> other = broker.receive(OTHER, 2, 1000);
        assertEquals(List.of("physical", "jndi"), texts(other));
        assertEquals(List.of("default"), texts(broker.receive(QUEUE, 1, 500)));
        assertEquals(0, broker.count(QUEUE) + broker.count(OTHER));
    }

    static List<String> texts(List<Message> messages) throws Exception {
        List<String> texts = new ArrayList<>();
        for (Message m : messages) {
            texts.add(json(m).getJsonArray("arguments").getString(1));
        }
        return texts;
    }

    @Test
    void oneContextPerFlushWhateverTheNumberOfIntents() {
        long connections = broker.totalConnections();
        flush(() -> {
            for (long i = 0; i < 10; i++) {
                airlock.enqueue(Shipping::ship, i, "n" + i);
            }
        });
        assertEquals(1, contexts.get(), "one JMSContext for the ten messages of one flush");
        assertEquals(connections + 1, broker.totalConnections(), "one connection at the broker");
        assertEquals(10, broker.settledCount(QUEUE));
        flush(() -> airlock.enqueue(Shipping::ship, 11L, "next flush"));
        assertEquals(2, contexts.get(), "a new flush, a new context");
    }

    @Test
    void anArgumentThatCannotBeCarriedFailsTheBatchBeforeAnythingIsSent() {
        Runnable lambda = () -> { };
        UndeliverableIntentException e = assertThrows(UndeliverableIntentException.class, () -> flush(() -> {
            airlock.enqueue(Shipping::ship, 1L, "fine");
            airlock.enqueue(Shipping::takesRunnable, lambda);
        }));
        assertEquals("takesRunnable", e.intent().name());
        assertTrue(e.getMessage().contains("takesRunnable") && e.getMessage().contains("argument 1") && e.getMessage().contains("lambda"),
                e.getMessage());
        assertEquals(0, contexts.get(), "no context opened");
        assertEquals(0, broker.added(QUEUE), "nothing sent, not even the carriable intent before it");
    }

    @Test
    void anArgumentWithoutAReadableJsonFormIsRejected() {
        UndeliverableIntentException e = assertThrows(UndeliverableIntentException.class,
                () -> flush(() -> airlock.enqueue(Shipping::takesOpaque, new Opaque(7))));
        assertTrue(e.getMessage().contains("argument 1") && e.getMessage().contains(Opaque.class.getName())
                && e.getMessage().contains("does not read back"), e.getMessage());
        assertEquals(0, broker.added(QUEUE));
    }

    @Test
    void anArgumentThatWouldArriveAsAnotherTypeIsRejected() {
        UndeliverableIntentException e = assertThrows(UndeliverableIntentException.class,
                () -> flush(() -> airlock.enqueue(Shipping::takesObject, new Parcel("x", 1, List.of()))));
        assertTrue(e.getMessage().contains("does not round-trip") && e.getMessage().contains("declared java.lang.Object"), e.getMessage());
        Object anonymous = new Object() {
            @Override
            public String toString() {
                return "anonymous";
            }
        };
        e = assertThrows(UndeliverableIntentException.class, () -> flush(() -> airlock.enqueue(Shipping::takesObject, anonymous)));
        assertTrue(e.getMessage().contains("anonymous"), e.getMessage());
        assertEquals(0, broker.added(QUEUE));
    }

    @Test
    void anUndeclaredTaskIsRefusedBeforeSending() {
        UndeliverableIntentException e = assertThrows(UndeliverableIntentException.class,
                () -> flush(() -> airlock.enqueue(Shipping::undeclared, "x")));
        assertTrue(e.getMessage().contains("@io.airlock.AirlockTask"), e.getMessage());
        assertEquals(0, broker.added(QUEUE));
    }

    @Test
    void adHocTasksAndLambdasRunInProcessInTheirPlace() {
        Task1<Shipping, String> lambda = (shipping, what) -> local.add("lambda(" + what + ") after " + broker.settledCount(QUEUE) + " message(s)");
        flush(() -> {
            airlock.enqueue(Shipping::ship, 1L, "first");
            airlock.enqueue("audit", () -> local.add("audit after " + broker.settledCount(QUEUE) + " message(s)"));
            airlock.enqueue(lambda, "x");
            airlock.enqueue(Shipping::ship, 2L, "last");
        });
        assertEquals(List.of("audit after 1 message(s)", "lambda(x) after 1 message(s)"), local);
        assertEquals(2, broker.settledCount(QUEUE));
        assertEquals(1, contexts.get());
    }

    @Test
    void aFlushOfOnlyAdHocTasksOpensNoContext() {
        flush(() -> airlock.enqueue("audit", () -> local.add("audit")));
        assertEquals(List.of("audit"), local);
        assertEquals(0, contexts.get());
    }

    @Test
    void withoutAQueueTheIntentIsUndeliverableWithTheFix() {
        JmsIntentExecutor noQueue = JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).build();
        UndeliverableIntentException e = assertThrows(UndeliverableIntentException.class,
                () -> airlock.scope().executor(noQueue).run(() -> airlock.enqueue(Shipping::ship, 1L, "x")));
        assertTrue(e.getMessage().contains("airlock.jms.queue"), e.getMessage());
    }

    @Test
    void aQueueNameWithASlashIsLookedUpInJndiAndTheLogSaysSo() throws Exception {
        try (JMSContext c = broker.connectionFactory().createContext()) {
            TestJndi.bind("jms/AirlockTasks", c.createQueue(OTHER)); // Open Liberty's and Payara's form of JNDI name
        }
        try (io.airlock.fixtures.LogCapture log = new io.airlock.fixtures.LogCapture("io.airlock")) {
            JmsIntentExecutor byJndi = JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueName("jms/AirlockTasks").build();
            assertTrue(log.at(java.util.logging.Level.INFO).contains("airlock JMS executor: default queue 'jms/AirlockTasks' is looked up in JNDI "
                    + "(it starts with java: or contains '/')"), log.records().toString());
            airlock.scope().executor(byJndi).run(() -> airlock.enqueue(Shipping::ship, 1L, "by jndi"));
            assertEquals(List.of("by jndi"), texts(broker.receive(OTHER, 1, 1000)));
        } finally {
            TestJndi.unbind("jms/AirlockTasks");
        }
    }

    @Test
    void aPlainQueueNameIsTheBrokersPhysicalQueueAndTheLogSaysSo() throws Exception {
        try (io.airlock.fixtures.LogCapture log = new io.airlock.fixtures.LogCapture("io.airlock")) {
            JmsIntentExecutor physical = JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueName(OTHER).build();
            assertTrue(log.at(java.util.logging.Level.INFO).stream().anyMatch(m -> m.startsWith("airlock JMS executor: default queue '" + OTHER
                    + "' is used as the broker's physical queue name")), log.records().toString());
            airlock.scope().executor(physical).run(() -> airlock.enqueue(Shipping::ship, 1L, "physical"));
            assertEquals(List.of("physical"), texts(broker.receive(OTHER, 1, 1000)));
        }
    }

    @Test
    void queueLookupReadsANameWithoutSlashInJndiAndTheDestinationOptionFollowsTheRule() throws Exception {
        try (JMSContext c = broker.connectionFactory().createContext()) {
            TestJndi.bind("AirlockTasks", c.createQueue(OTHER));
            TestJndi.bind("jms/Tasks", c.createQueue(QUEUE));
        }
        try (io.airlock.fixtures.LogCapture log = new io.airlock.fixtures.LogCapture("io.airlock")) {
            JmsIntentExecutor lookup = JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueLookup("AirlockTasks").build();
            assertTrue(log.at(java.util.logging.Level.INFO).contains("airlock JMS executor: default queue 'AirlockTasks' is looked up in JNDI "
                    + "(queueLookup)"), log.records().toString());
            airlock.scope().executor(lookup).run(() -> {
                airlock.enqueue(Shipping::ship, 1L, "looked up");
                airlock.options(DispatchOptions.builder().destination("jms/Tasks").build()).enqueue(Shipping::ship, 2L, "option by jndi");
            });
            assertEquals(List.of("looked up"), texts(broker.receive(OTHER, 1, 1000)));
            assertEquals(List.of("option by jndi"), texts(broker.receive(QUEUE, 1, 1000)));
            assertTrue(log.at(java.util.logging.Level.INFO).contains("airlock JMS executor: destination 'jms/Tasks' is looked up in JNDI "
                    + "(it starts with java: or contains '/')"), log.records().toString());
        } finally {
            TestJndi.unbind("AirlockTasks");
            TestJndi.unbind("jms/Tasks");
        }
    }

    @Test
    void jndiResourcesAreLookedUpLazilyOnFirstUse() throws Exception {
        JmsIntentExecutor byName = JmsIntentExecutor.builder().connectionFactoryName("java:/test/cf").queueName("java:app/jms/Other").build();
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> airlock.scope().executor(byName).run(() -> airlock.enqueue(Shipping::ship, 1L, "x")));
        assertTrue(missing.getMessage().contains("java:app/jms/Other"), missing.getMessage());
        try (JMSContext c = broker.connectionFactory().createContext()) {
            TestJndi.bind("java:app/jms/Other", c.createQueue(OTHER));
        }
        TestJndi.bind("java:/test/cf", broker.connectionFactory());
        try {
            airlock.scope().executor(byName).run(() -> airlock.enqueue(Shipping::ship, 2L, "bound"));
            assertEquals(List.of("bound"), texts(broker.receive(OTHER, 1, 1000)));
        } finally {
            TestJndi.unbind("java:/test/cf");
        }
    }

    @Test
    void theDefaultModeSendsAfterCommit() {
        assertSame(JmsIntentExecutor.Mode.AFTER_COMMIT, jms.mode());
        Intent message = airlock.scope().policy(new io.airlock.policy.DropAll()).call(() -> airlock.enqueue(Shipping::ship, 1L, "x"));
        Intent adHoc = airlock.scope().policy(new io.airlock.policy.DropAll()).call(() -> airlock.enqueue("in-process", () -> { }));
        assertTrue(!jms.dispatchesInTransaction(message));
        JmsIntentExecutor inTransaction = JmsIntentExecutor.builder().mode(JmsIntentExecutor.Mode.IN_TRANSACTION).build();
        assertTrue(inTransaction.dispatchesInTransaction(message));
        assertTrue(!inTransaction.dispatchesInTransaction(adHoc), "an ad-hoc intent runs in-process: it waits for the commit");
        assertSame(JmsIntentExecutor.Mode.IN_TRANSACTION, JmsIntentExecutor.Mode.of("in-transaction"));
        assertThrows(IllegalArgumentException.class, () -> JmsIntentExecutor.Mode.of("eventually"));
    }

    /** The intent's id is the broker's duplicate-detection id on Artemis: an intent sent twice (a durable retry) arrives once. */
    @Test
    void anIntentSentTwiceReachesTheQueueOnceOnArtemis() throws Exception {
        Intent intent = airlock.scope().policy(new io.airlock.policy.DropAll()).call(() -> airlock.enqueue(Shipping::ship, 7L, "twice"));
        jms.execute(intent);
        jms.execute(intent);
        List<jakarta.jms.Message> received = broker.receive(QUEUE, 2, 1000);
        assertEquals(1, received.size(), "the broker dropped the second message of the same intent");
        assertEquals(intent.id(), received.get(0).getStringProperty(JmsIntentExecutor.PROPERTY_INTENT_ID));
        assertEquals(intent.id(), received.get(0).getStringProperty(JmsIntentExecutor.ARTEMIS_DUPLICATE_ID));
    }
}
