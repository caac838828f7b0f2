package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.DispatchOptions;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.internal.cdi.Settings;
import io.airlock.jms.fixtures.Address;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Canary;
import io.airlock.fixtures.LogCapture;
import io.airlock.jms.fixtures.Parcel;
import io.airlock.jms.fixtures.Shipping;
import io.airlock.jms.fixtures.Speed;
import io.airlock.jms.fixtures.TestJndi;
import io.airlock.policy.DropAll;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * The receiver, fed by a real broker the way a message-driven bean container feeds it (transacted delivery,
 * rollback and redelivery when it throws), with Weld as the application's CDI container.
 */
@ExtendWith(WeldJunit5Extension.class)
class AirlockTaskReceiverTest {

    static final String QUEUE = "airlock.receiver";
    static final String DLQ = "airlock.dead";
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(12);

    /** The application's message-driven bean: the whole of it. */
    static class ShippingTasks extends AirlockMessageListener implements MessageListener {
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Shipping.class);

    @Inject
    Airlock airlock;
    @Inject
    Recorder recorder;
    @Inject
    Shipping shipping;

    LogCapture log;
    final List<String> properties = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        broker.purge(QUEUE);
        broker.purge(DLQ);
        Canary.initialised = false;
        airlock.configure(c -> c.withExecutor(JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueName(QUEUE).build()));
        log = new LogCapture();
    }

    @AfterEach
    void tearDown() {
        log.close();
        for (String key : properties) {
            System.clearProperty(key);
        }
    }

    void property(String key, String value) {
        properties.add(key);
        System.setProperty(key, value);
    }

    int deliver() {
        return broker.deliver(QUEUE, new ShippingTasks(), 150);
    }

    // ---------------------------------------------------------------- running tasks

    @Test
    void aCarriedIntentRunsInItsOwnScopeAndItsIntentsCascade() {
        airlock.run(() -> airlock.enqueue(Shipping::shipThenNotify, 7L));
        assertEquals(List.of(), recorder.calls(), "nothing ran at the sender");
        assertEquals(1, broker.settledCount(QUEUE));
        assertEquals(2, deliver(), "the task, then the intent it enqueued, which travelled through the queue too");
        assertEquals(List.of("shipThenNotify(7) in scope", "notifyCustomer(7) in scope"), recorder.calls());
        assertEquals(List.of(), log.at(Level.WARNING));
    }

    @Test
    void theTasksOwnScopeHasTheApplicationsDefaultPolicyNotAllowAll() {
        airlock.run(() -> airlock.enqueue(Shipping::shipThenNotify, 7L));
        // the receiving application's policy (airlock.policy=drop-all): unlike the original's workers, no allow-all is forced
        airlock.configure(c -> c.withPolicy(new DropAll()));
        assertEquals(1, deliver(), "the intent the task enqueued was dropped by the application's policy, so it was never sent");
        assertEquals(List.of("shipThenNotify(7) in scope"), recorder.calls());
        assertEquals(1, broker.added(QUEUE));
    }

    @Test
    void aFailingTaskDiscardsWhatItEnqueuedAndIsNotRedeliveredWithoutMaxRetries() {
        airlock.run(() -> airlock.enqueue(Shipping::enqueueThenFail, 8L));
        assertEquals(1, deliver());
        assertEquals(List.of("enqueueThenFail(8)"), recorder.calls());
        assertEquals(0, broker.added(QUEUE) - 1, "the cascaded intent was discarded with the failed task's scope");
        List<String> severe = log.at(Level.SEVERE);
        assertEquals(1, severe.size(), severe.toString());
        assertTrue(severe.get(0).contains("enqueueThenFail(8)") && severe.get(0).contains("delivery 1")
                && severe.get(0).contains("no maxRetries"), severe.get(0));
    }

    @Test
    void argumentsOfManyTypesArriveAsTheDeclaredTypes() {
        Instant at = Instant.parse("2026-01-31T12:00:00Z");
        airlock.run(() -> {
            airlock.enqueue(Shipping::objects, 7L, "fragile", Speed.EXPRESS, new Parcel("SKU-1", 1200, List.of("top", "side")),
                    new Address("1 Main St", "Springfield"));
            airlock.enqueue(Shipping::values, List.of("a", "b"), at, new BigDecimal("19.90"), 3L, true);
        });
        assertEquals(2, deliver());
        List<List<Object>> received = shipping.received();
        assertEquals(Arrays.asList(7L, "fragile", Speed.EXPRESS, new Parcel("SKU-1", 1200, List.of("top", "side")),
                new Address("1 Main St", "Springfield")), received.get(0));
        assertEquals(Arrays.asList(List.of("a", "b"), at, new BigDecimal("19.90"), 3L, true), received.get(1));
        assertEquals(2, ((BigDecimal) received.get(1).get(2)).scale(), "the scale survives");
        assertEquals(Long.class, received.get(0).get(0).getClass());
    }

    @Test
    void maxRetriesIsHonouredThroughTheDeliveryCount() {
        airlock.run(() -> airlock.options(DispatchOptions.builder().maxRetries(2).build()).enqueue(Shipping::flaky, "twice"));
        assertEquals(3, deliver(), "the first delivery and two redeliveries");
        assertEquals(List.of("flaky(twice)", "flaky(twice)", "flaky(twice)"), recorder.calls());
        List<String> severe = log.at(Level.SEVERE);
        assertEquals(1, severe.size(), severe.toString());
        assertTrue(severe.get(0).contains("flaky(\"twice\")") && severe.get(0).contains("delivery 3")
                && severe.get(0).contains("past its maxRetries 2"), severe.get(0));
        assertEquals(0, broker.count(QUEUE), "acknowledged at last: no redelivery loop");
    }

    @Test
    void maxRetriesZeroMeansOneDelivery() {
        airlock.run(() -> airlock.options(DispatchOptions.builder().maxRetries(0).build()).enqueue(Shipping::flaky, "once"));
        assertEquals(1, deliver());
        assertEquals(List.of("flaky(once)"), recorder.calls());
    }

    @Test
    void pastMaxRetriesTheBodyGoesToTheConfiguredDeadLetterQueue() throws Exception {
        try (JMSContext c = broker.connectionFactory().createContext()) {
            TestJndi.bind("java:app/jms/Dead", c.createQueue(DLQ));
        }
        TestJndi.bind(JmsIntentExecutor.DEFAULT_CONNECTION_FACTORY, broker.connectionFactory());
        property(Settings.JMS_DEAD_LETTER_QUEUE, "java:app/jms/Dead");
        airlock.run(() -> airlock.options(DispatchOptions.builder().maxRetries(1).build()).enqueue(Shipping::flaky, "dead"));
        String original = broker.receive(QUEUE, 1, 1000).get(0).getBody(String.class);
        broker.purge(QUEUE);
        airlock.run(() -> airlock.options(DispatchOptions.builder().maxRetries(1).build()).enqueue(Shipping::flaky, "dead"));
        assertEquals(2, deliver());
        List<Message> dead = broker.receive(DLQ, 1, 1000);
        assertEquals(1, dead.size());
        Message m = dead.get(0);
        JsonObject body = Json.createReader(new java.io.StringReader(m.getBody(String.class))).readObject();
        assertEquals("flaky", body.getString("name"));
        assertEquals(Json.createReader(new java.io.StringReader(original)).readObject().getJsonObject("target"), body.getJsonObject("target"));
        assertTrue(m.getStringProperty(AirlockTaskReceiver.PROPERTY_FAILURE).contains("flaky dead"));
        assertEquals(2, m.getIntProperty(AirlockTaskReceiver.PROPERTY_DELIVERY_COUNT));
        assertTrue(m.getStringProperty(AirlockTaskReceiver.PROPERTY_ORIGINAL_MESSAGE_ID).startsWith("ID:"));
    }

    /** A task whose failure's message cannot be read is redelivered as its maxRetries say, then dead-lettered, naming the failure by its class. */
    @Test
    void aFailureWhoseMessageCannotBeReadIsRedeliveredThenDeadLettered() throws Exception {
        try (JMSContext c = broker.connectionFactory().createContext()) {
            TestJndi.bind("java:app/jms/Dead", c.createQueue(DLQ));
        }
        TestJndi.bind(JmsIntentExecutor.DEFAULT_CONNECTION_FACTORY, broker.connectionFactory());
        property(Settings.JMS_DEAD_LETTER_QUEUE, "java:app/jms/Dead");
        airlock.run(() -> airlock.options(DispatchOptions.builder().maxRetries(1).build()).enqueue(Shipping::unreadable, "x"));
        assertEquals(2, deliver(), "the first delivery and one redelivery");
        assertEquals(List.of("unreadable(x)", "unreadable(x)"), recorder.calls());
        List<Message> dead = broker.receive(DLQ, 1, 1000);
        assertEquals(1, dead.size());
        String failure = dead.get(0).getStringProperty(AirlockTaskReceiver.PROPERTY_FAILURE);
        assertTrue(failure.startsWith(io.airlock.fixtures.UnreadableFailure.class.getName()) && failure.contains("cannot be read"), failure);
        assertEquals(0, broker.count(QUEUE));
    }

    // ---------------------------------------------------------------- hostile messages

    static JsonObjectBuilder message(String targetType, String declaringClass, String method, List<String> types, JsonArrayBuilder args) {
        JsonArrayBuilder typeArray = Json.createArrayBuilder();
        types.forEach(typeArray::add);
        return Json.createObjectBuilder().add("format", 1).add("id", "hostile-1").add("name", method)
                .add("target", Json.createObjectBuilder().add("targetType", targetType).add("declaringClass", declaringClass)
                        .add("methodName", method).add("parameterTypes", typeArray))
                .add("arguments", args).add("options", Json.createObjectBuilder());
    }

    static JsonObjectBuilder ship(JsonArrayBuilder args) {
        return message(Shipping.class.getName(), Shipping.class.getName(), "ship", List.of("java.lang.Long", "java.lang.String"), args);
    }

    String send(String body) {
        try (JMSContext c = broker.connectionFactory().createContext()) {
            Queue q = c.createQueue(QUEUE);
            Message m = c.createTextMessage(body);
            c.createProducer().send(q, m);
            return m.getJMSMessageID();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Delivers one message and checks it was rejected: nothing ran, one WARNING with its id and the reason, no redelivery. */
    void assertRejected(String messageId, String reason) {
        List<String> loaded = new CopyOnWriteArrayList<>();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(new ClassLoader(previous) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                loaded.add(name);
                return super.loadClass(name, resolve);
            }
        });
        try {
            assertEquals(1, deliver(), "delivered once, acknowledged, never redelivered");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        assertEquals(List.of(), recorder.calls(), "nothing ran");
        List<String> warnings = log.at(Level.WARNING);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(messageId), warnings.get(0));
        assertTrue(warnings.get(0).contains(reason), "expected '" + reason + "' in: " + warnings.get(0));
        assertTrue(loaded.stream().noneMatch(n -> n.contains("Canary") || n.contains("InvokerTransformer") || n.contains("JdbcRowSetImpl")),
                "a class named by the message was loaded: " + loaded);
        assertFalse(Canary.initialised, "the class a message named was initialised");
        assertEquals(0, broker.count(QUEUE));
    }

    @Test
    void anUnknownClassIsRejectedWithoutLoadingIt() {
        String id = send(message(Canary.class.getName(), Canary.class.getName(), "run", List.of("java.lang.String"),
                Json.createArrayBuilder().add("rm -rf /")).build().toString());
        assertRejected(id, "no task io.airlock.jms.fixtures.Canary::run(java.lang.String) is declared");
    }

    @Test
    void aGadgetClassNameIsRejectedWithoutLoadingIt() {
        String id = send(message("org.apache.commons.collections.functors.InvokerTransformer",
                "org.apache.commons.collections.functors.InvokerTransformer", "transform", List.of("java.lang.Object"),
                Json.createArrayBuilder().add("x")).build().toString());
        assertRejected(id, "no task org.apache.commons.collections.functors.InvokerTransformer::transform");
        String jdk = send(message("com.sun.rowset.JdbcRowSetImpl", "com.sun.rowset.JdbcRowSetImpl", "setDataSourceName",
                List.of("java.lang.String"), Json.createArrayBuilder().add("ldap://evil/x")).build().toString());
        log.clear();
        assertRejected(jdk, "no task com.sun.rowset.JdbcRowSetImpl::setDataSourceName");
    }

    @Test
    void anUndeclaredMethodOfATaskBeanIsRejected() {
        String id = send(message(Shipping.class.getName(), Shipping.class.getName(), "undeclared", List.of("java.lang.String"),
                Json.createArrayBuilder().add("x")).build().toString());
        assertRejected(id, "undeclared(java.lang.String) is declared with @AirlockTask");
    }

    @Test
    void aDeclaringClassThatDoesNotMatchIsRejected() {
        String id = send(message(Shipping.class.getName(), Canary.class.getName(), "ship", List.of("java.lang.Long", "java.lang.String"),
                Json.createArrayBuilder().add(1).add("x")).build().toString());
        assertRejected(id, "declared in io.airlock.jms.fixtures.Canary");
    }

    @Test
    void theWrongArityIsRejected() {
        assertRejected(send(ship(Json.createArrayBuilder().add(1)).build().toString()), "takes 2 argument(s), the message carries 1");
    }

    @Test
    void theWrongParameterTypesAreRejected() {
        String id = send(message(Shipping.class.getName(), Shipping.class.getName(), "ship", List.of("java.lang.String", "java.lang.String"),
                Json.createArrayBuilder().add("1").add("x")).build().toString());
        assertRejected(id, "no task");
    }

    @Test
    void argumentsOfTheWrongTypeAreRejected() {
        assertRejected(send(ship(Json.createArrayBuilder().add("not a number").add("x")).build().toString()),
                "argument 1 of io.airlock.jms.fixtures.Shipping::ship");
        log.clear();
        assertRejected(send(ship(Json.createArrayBuilder().add(Json.createObjectBuilder().add("a", 1)).add("x")).build().toString()),
                "is not a java.lang.Long");
    }

    /** Issue 14: values JSON-B would convert leniently (to a wrapped, truncated or infinite value) are rejected. */
    @Test
    void argumentsThatAreNotExactlyAValueOfTheDeclaredTypeAreRejected() {
        String ship = ship(Json.createArrayBuilder().add(7).add("x")).build().toString();
        String[][] cases = {
            {"9223372036854775808", "args[0]: 9223372036854775808 is out of the range of java.lang.Long"},
            {"-9223372036854775809", "args[0]: -9223372036854775809 is out of the range of java.lang.Long"},
            {"7.0", "args[0]: 7.0 is not a whole number written without a fraction or an exponent"},
            {"7.9", "args[0]: 7.9 is not a whole number"},
            {"1e30", "args[0]: 1e30 is not a whole number"},
            {"\"7\"", "args[0]: \"7\" is a JSON string, not a number (declared java.lang.Long)"},
        };
        for (String[] c : cases) {
            log.clear();
            String id = send(ship.replace("\"arguments\":[7,", "\"arguments\":[" + c[0] + ","));
            assertRejected(id, "argument 1 of io.airlock.jms.fixtures.Shipping::ship(java.lang.Long, java.lang.String), parameter orderId, "
                    + "is not a java.lang.Long: " + c[1]);
        }
        log.clear();
        assertRejected(send(ship(Json.createArrayBuilder().add(7).add(42)).build().toString()),
                "parameter address, is not a java.lang.String: args[1]: 42 is a JSON number, not a string");
        log.clear();
        String values = message(Shipping.class.getName(), Shipping.class.getName(), "values",
                List.of("java.util.List", "java.time.Instant", "java.math.BigDecimal", "long", "boolean"),
                Json.createArrayBuilder().add(Json.createArrayBuilder().add("a").add(2)).add("2026-01-01T00:00:00Z").add(1).add(3).add(true))
                .build().toString();
        assertRejected(send(values), "parameter tags, is not a java.util.List<java.lang.String>: args[0][1]: 2 is a JSON number, not a string");
        log.clear();
        assertRejected(send(values.replace("[\"a\",2]", "[\"a\"]").replace(",3,true]", ",9223372036854775808,true]")),
                "parameter count, is not a long: args[3]: 9223372036854775808 is out of the range of long");
        log.clear();
        assertRejected(send(values.replace("[\"a\",2]", "[\"a\"]").replace(",true]", ",1]")),
                "parameter gift, is not a boolean: args[4]: 1 is not true or false (declared boolean)");
    }

    @Test
    void nullForAPrimitiveParameterIsRejected() {
        String id = send(message(Shipping.class.getName(), Shipping.class.getName(), "values",
                List.of("java.util.List", "java.time.Instant", "java.math.BigDecimal", "long", "boolean"),
                Json.createArrayBuilder().add(Json.createArrayBuilder()).add("2026-01-01T00:00:00Z").add(1).addNull().add(true)).build().toString());
        assertRejected(id, "is null, but the parameter is a long");
    }

    @Test
    void malformedJsonIsRejected() {
        assertRejected(send("{\"format\": 1, \"id\": "), "malformed JSON");
    }

    @Test
    void jsonThatIsNotAnObjectIsRejected() {
        assertRejected(send("[1, 2, 3]"), "not an object");
    }

    @Test
    void deeplyNestedJsonIsRejectedBeforeParsing() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertRejected(send(ship(Json.createArrayBuilder().add(1).add("x")).build().toString().replace("\"options\":{}", "\"x\":" + deep)),
                "nested deeper than");
    }

    @Test
    void anotherFormatVersionIsRejected() {
        assertRejected(send(ship(Json.createArrayBuilder().add(1).add("x")).add("format", 2).build().toString()), "unsupported format version 2");
    }

    /** The format is compared by its text: a number that only reads as 1 in its low 64 bits, or written otherwise, is another version. */
    @ParameterizedTest
    @ValueSource(strings = {"18446744073709551617", "-18446744073709551615", "36893488147419103233", "1.0", "1e0", "-0", "1E0"})
    void aFormatThatOnlyReadsAsOneIsRejected(String format) {
        String body = ship(Json.createArrayBuilder().add(1).add("x")).build().toString().replace("\"format\":1", "\"format\":" + format);
        assertTrue(body.contains("\"format\":" + format), body);
        assertRejected(send(body), "unsupported format version");
    }

    /**
     * A member named twice in one object: one reader keeps the first value, another the last, so which arguments a
     * task would run on depends on the reader. Rejected wherever it is: the envelope, the target, an argument, the options.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"format\":1,\"format\":1,\"id\":\"d\",\"name\":\"ship\",TARGET,\"arguments\":[1,\"x\"],\"options\":{}}",
        "{\"format\":1,\"id\":\"d\",\"name\":\"ship\",TARGET,\"arguments\":[1,\"x\"],\"arguments\":[2,\"y\"],\"options\":{}}",
        "{\"format\":1,\"id\":\"d\",\"id\":\"e\",\"name\":\"ship\",TARGET,\"arguments\":[1,\"x\"],\"options\":{}}",
        "{\"format\":1,\"id\":\"d\",\"name\":\"ship\",TARGET,\"arguments\":[1,\"x\"],\"options\":{\"priority\":1,\"priority\":2}}",
        "{\"format\":1,\"id\":\"d\",\"name\":\"ship\",TARGET,\"arguments\":[1,{\"a\":1,\"a\":2}],\"options\":{}}"})
    void aMemberNamedTwiceInOneObjectIsRejected(String template) {
        String target = ship(Json.createArrayBuilder()).build().getJsonObject("target").toString();
        assertRejected(send(template.replace("TARGET", "\"target\":" + target)), "appears twice in one object");
    }

    /** Reading a number of n digits takes time in n squared: one longer than a number may be is rejected before it is read. */
    @ParameterizedTest
    @ValueSource(strings = {"format", "argument", "option"})
    void aNumberLongerThanANumberMayBeIsRejectedUnread(String where) {
        String digits = "7".repeat(200_000);
        String body = ship(Json.createArrayBuilder().add(1).add("x")).build().toString();
        body = switch (where) {
            case "format" -> body.replace("\"format\":1", "\"format\":" + digits);
            case "argument" -> body.replace("\"arguments\":[1,", "\"arguments\":[" + digits + ",");
            default -> body.replace("\"options\":{}", "\"options\":{\"x\":" + digits + "}");
        };
        assertRejected(send(body), "a number of 200000 characters, longer than the 1100 a number may have");
        assertTrue(log.at(Level.WARNING).get(0).length() < 2_000, "the warning does not repeat the number");
    }

    @Test
    void aBytesMessageIsRejected() throws Exception {
        String id;
        try (JMSContext c = broker.connectionFactory().createContext()) {
            BytesMessage m = c.createBytesMessage();
            m.writeBytes(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5});
            c.createProducer().send(c.createQueue(QUEUE), m);
            id = m.getJMSMessageID();
        }
        assertRejected(id, "BytesMessage, not a TextMessage");
    }

    @Test
    void anOversizedMessageIsRejected() {
        property(Settings.JMS_MAX_MESSAGE_SIZE, "1000");
        assertRejected(send(ship(Json.createArrayBuilder().add(1).add("x".repeat(2000))).build().toString()),
                "more than airlock.jms.max-message-size (1000)");
    }

    @Test
    void aWellFormedMessageForADeclaredTaskIsNotRejected() {
        send(ship(Json.createArrayBuilder().add(1).add("x")).build().toString());
        assertEquals(1, deliver());
        assertEquals(List.of("ship(1, x) in scope"), recorder.calls());
        assertEquals(List.of(), log.at(Level.WARNING));
    }
}
