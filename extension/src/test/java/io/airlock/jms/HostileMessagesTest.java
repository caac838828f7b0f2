package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.jms.fixtures.Broker;
import io.airlock.fixtures.LogCapture;
import io.airlock.jms.fixtures.Shipping;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 10,000+ generated hostile messages through a real broker to the receiver: random text, truncated and
 * deeply nested JSON, unknown and gadget class names, undeclared methods, wrong arity and argument types,
 * wrong formats, arguments that are not exactly a value of their type (out of range, fractions, exponents,
 * strings holding numbers), oversized bodies and messages that are not text. Nothing runs, the listener never
 * crashes, and each rejection is logged exactly once, naming its message.
 */
@ExtendWith(WeldJunit5Extension.class)
class HostileMessagesTest {

    private static final String QUEUE = "airlock.hostile";
    private static final int GENERATED = 10_000;
    private static final List<String> GADGETS = List.of("org.apache.commons.collections.functors.InvokerTransformer",
            "org.apache.commons.collections4.functors.InstantiateTransformer", "com.sun.rowset.JdbcRowSetImpl",
            "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl", "java.lang.Runtime", "java.lang.ProcessBuilder",
            "javax.management.BadAttributeValueExpException", "java.rmi.server.UnicastRemoteObject", "java.net.URL",
            "org.springframework.beans.factory.ObjectFactory", "groovy.util.Expando", "java.lang.System", "java.lang.Thread",
            "javax.naming.InitialContext", "org.codehaus.groovy.runtime.MethodClosure", "io.airlock.jms.HostileMessagesTest$Tripwire");

    /** Flipped by {@link Tripwire}'s initialiser: a class that only messages name, never this code. */
    static volatile boolean tripped;

    /** Named by hostile messages (as a string only); initialising it, as Class.forName does, trips the wire. */
    static final class Tripwire {
        static {
            tripped = true;
        }

        private Tripwire() {
        }
    }
    private static final List<String> UNDECLARED = List.of("getClass", "wait", "notify", "hashCode", "toString", "finalize", "clone",
            "shipSecretly", "scope", "exit", "exec", "<init>", "<clinit>");

    @RegisterExtension
    static final Broker broker = Broker.forTestClass(31);

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Shipping.class);

    @Inject
    Airlock airlock;
    @Inject
    Recorder recorder;

    /** A well-formed intent of a declared task, to corrupt: {@code ship(Long, String)}. */
    private static JsonObject valid() {
        return Json.createObjectBuilder()
                .add("format", 1)
                .add("id", "fuzz")
                .add("name", "ship")
                .add("target", Json.createObjectBuilder()
                        .add("targetType", Shipping.class.getName())
                        .add("declaringClass", Shipping.class.getName())
                        .add("methodName", "ship")
                        .add("parameterTypes", Json.createArrayBuilder().add("java.lang.Long").add("java.lang.String")))
                .add("arguments", Json.createArrayBuilder().add(7).add("Main St"))
                .add("options", Json.createObjectBuilder())
                .build();
    }

    private static JsonObjectBuilder with(JsonObject base, String key, JsonValue value) {
        JsonObjectBuilder b = Json.createObjectBuilder(base);
        return value == null ? b.remove(key) : b.add(key, value);
    }

    private static JsonObject target(String type, String declaring, String method, String... params) {
        JsonArrayBuilder p = Json.createArrayBuilder();
        for (String s : params) {
            p.add(s);
        }
        return Json.createObjectBuilder().add("targetType", type).add("declaringClass", declaring).add("methodName", method)
                .add("parameterTypes", p).build();
    }

    /** A JSON value of a type no Long or String parameter accepts. */
    private static JsonValue incompatible(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> Json.createObjectBuilder().add("x", r.nextInt()).build();
            case 1 -> Json.createArrayBuilder().add(1).add(2).build();
            case 2 -> Json.createObjectBuilder().add("class", GADGETS.get(r.nextInt(GADGETS.size()))).build();
            default -> Json.createArrayBuilder().add(Json.createObjectBuilder()).build();
        };
    }

    private static String randomText(SplittableRandom r, int max) {
        int n = r.nextInt(max + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) (r.nextBoolean() ? 32 + r.nextInt(95) : r.nextInt(0xD7FF)));
        }
        return sb.toString();
    }

    private static String nested(SplittableRandom r) {
        int depth = 500 + r.nextInt(r.nextInt(20) == 0 ? 200_000 : 5_000);
        boolean arrays = r.nextBoolean();
        StringBuilder sb = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++) {
            sb.append(arrays ? "[" : "{\"a\":");
        }
        sb.append("1");
        for (int i = 0; i < depth; i++) {
            sb.append(arrays ? "]" : "}");
        }
        return sb.toString();
    }

    /** One hostile body; the category is chosen by the caller so that every kind is well represented. */
    private static String hostile(int kind, SplittableRandom r) {
        JsonObject valid = valid();
        String shipping = Shipping.class.getName();
        return switch (kind) {
            case 0 -> randomText(r, 300);
            case 1 -> {
                String text = valid.toString();
                yield text.substring(0, r.nextInt(text.length()));
            }
            case 2 -> nested(r);
            case 3 -> {
                String gadget = GADGETS.get(r.nextInt(GADGETS.size()));
                yield with(valid, "target", target(gadget, gadget, r.nextBoolean() ? "transform" : "ship", "java.lang.Long", "java.lang.String"))
                        .build().toString();
            }
            case 4 -> with(valid, "target", target("com.example." + randomText(r, 12).replaceAll("[^A-Za-z]", "X") + "Z", shipping, "ship",
                    "java.lang.Long", "java.lang.String")).build().toString();
            case 5 -> with(valid, "target", target(shipping, shipping, UNDECLARED.get(r.nextInt(UNDECLARED.size())))).build().toString();
            case 6 -> {
                JsonArrayBuilder args = Json.createArrayBuilder();
                int n = r.nextBoolean() ? r.nextInt(2) : 3 + r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    args.add(i);
                }
                yield with(valid, "arguments", args.build()).build().toString();
            }
            case 7 -> {
                JsonArrayBuilder args = Json.createArrayBuilder();
                if (r.nextBoolean()) {
                    args.add(incompatible(r)).add("Main St");
                } else {
                    args.add(7).add(incompatible(r));
                }
                yield with(valid, "arguments", args.build()).build().toString();
            }
            case 8 -> with(valid, "target", target(shipping, shipping, "ship", "java.lang.Long", GADGETS.get(r.nextInt(GADGETS.size()))))
                    .build().toString();
            case 9 -> {
                String[] keys = {"format", "id", "name", "target", "arguments"};
                String key = keys[r.nextInt(keys.length)];
                JsonValue replacement = switch (r.nextInt(4)) {
                    case 0 -> null;
                    case 1 -> JsonValue.NULL;
                    case 2 -> Json.createValue(2 + r.nextInt(1000));
                    default -> JsonValue.EMPTY_JSON_ARRAY;
                };
                if (key.equals("format") && replacement == null) {
                    replacement = Json.createValue("1");
                }
                yield with(valid, key, replacement).build().toString();
            }
            case 10 -> "[" + valid + "]";
            default -> {
                // a well-formed intent of the declared task whose argument is not exactly a Long (or a String)
                boolean second = r.nextInt(5) == 0;
                String orderId = second ? "7" : inexactLong(r);
                String address = second ? INEXACT_STRINGS.get(r.nextInt(INEXACT_STRINGS.size())) : "\"Main St\"";
                String text = valid.toString();
                String arguments = "\"arguments\":[7,\"Main St\"]";
                if (!text.contains(arguments)) {
                    throw new IllegalStateException("unexpected form: " + text);
                }
                yield text.replace(arguments, "\"arguments\":[" + orderId + "," + address + "]");
            }
        };
    }

    private static final List<String> INEXACT_STRINGS = List.of("42", "0", "-1.5", "1e400", "true", "false", "[\"x\"]", "{}");

    /** A JSON value Yasson would read leniently as a Long, but that is not exactly one. */
    private static String inexactLong(SplittableRandom r) {
        java.math.BigInteger beyond = java.math.BigInteger.valueOf(Long.MAX_VALUE).add(java.math.BigInteger.valueOf(1 + r.nextInt(1 << 20)));
        return switch (r.nextInt(8)) {
            case 0 -> beyond.toString(); // wraps around to a negative id
            case 1 -> beyond.negate().subtract(java.math.BigInteger.ONE).toString();
            case 2 -> beyond.shiftLeft(1 + r.nextInt(64)).toString(); // truncated to its low bits: any id
            case 3 -> r.nextInt(1000) + "." + (r.nextBoolean() ? "0" : Integer.toString(1 + r.nextInt(999))); // 7.0, 7.25
            case 4 -> (1 + r.nextInt(9)) + (r.nextBoolean() ? "." + r.nextInt(10) : "") + "e" + r.nextInt(400); // 4.2e1, 1e30, 1e400
            case 5 -> "-" + (1 + r.nextInt(9)) + "e" + (19 + r.nextInt(400));
            case 6 -> "\"" + r.nextInt(1000) + "\""; // a string holding a number
            default -> r.nextBoolean() ? "true" : "false";
        };
    }

    @Test
    void nothingRunsTheListenerNeverCrashesAndEachRejectionIsLoggedOnce() throws JMSException {
        SplittableRandom random = new SplittableRandom(42);
        Map<String, String> kindOf = new HashMap<>();
        String[] kindNames = {"random text", "truncated JSON", "deeply nested JSON", "gadget class", "unknown class", "undeclared method",
            "wrong arity", "wrong argument type", "gadget parameter type", "missing or wrong field", "not an object", "inexact argument",
            "oversized", "not a text message"};
        int[] perKind = new int[kindNames.length];
        try (JMSContext context = broker.connectionFactory().createContext()) {
            Queue queue = context.createQueue(QUEUE);
            JMSProducer producer = context.createProducer();
            for (int i = 0; i < GENERATED; i++) {
                int kind = i % 12;
                Message message = context.createTextMessage(hostile(kind, random));
                producer.send(queue, message);
                kindOf.put(message.getJMSMessageID(), kindNames[kind]);
                perKind[kind]++;
            }
            for (int i = 0; i < 10; i++) {
                Message big = context.createTextMessage(valid().toString() + " ".repeat(1024 * 1024 + random.nextInt(4096)));
                producer.send(queue, big);
                kindOf.put(big.getJMSMessageID(), kindNames[12]);
                perKind[12]++;
            }
            Message bytes = context.createBytesMessage();
            producer.send(queue, bytes);
            Message map = context.createMapMessage();
            producer.send(queue, map);
            Message empty = context.createMessage();
            producer.send(queue, empty);
            for (Message m : List.of(bytes, map, empty)) {
                kindOf.put(m.getJMSMessageID(), kindNames[13]);
                perKind[13]++;
            }
        }
        AtomicInteger crashes = new AtomicInteger();
        AirlockTaskReceiver receiver = weld.select(AirlockTaskReceiver.class).get();
        int deliveries;
        try (LogCapture log = new LogCapture()) {
            deliveries = broker.deliver(QUEUE, message -> {
                try {
                    receiver.onMessage(message);
                } catch (Throwable t) {
                    crashes.incrementAndGet();
                }
            }, 300);
            List<String> rejections = log.at(Level.WARNING);
            Map<String, Integer> loggedPerMessage = new HashMap<>();
            Pattern id = Pattern.compile("Rejected JMS message (ID:[0-9A-Za-z-]+)");
            int unmatched = 0;
            for (String line : rejections) {
                Matcher m = id.matcher(line);
                if (m.find()) {
                    loggedPerMessage.merge(m.group(1), 1, Integer::sum);
                } else {
                    unmatched++;
                }
            }
            long loggedOnce = kindOf.keySet().stream().filter(k -> loggedPerMessage.getOrDefault(k, 0) == 1).count();
            StringBuilder kinds = new StringBuilder();
            for (int k = 0; k < kindNames.length; k++) {
                kinds.append(k == 0 ? "" : ", ").append(kindNames[k]).append(' ').append(perKind[k]);
            }
            System.out.printf("hostile input: %,d messages (%s); %,d deliveries, %d tasks run, %d listener crashes, %,d rejections logged once, "
                    + "%d log lines naming no message%n", kindOf.size(), kinds, deliveries, recorder.calls().size(), crashes.get(), loggedOnce,
                    unmatched);
            assertEquals(List.of(), recorder.calls(), "a hostile message ran a task");
            assertEquals(false, tripped, "a class named by a message was initialised");
            assertEquals(0, crashes.get(), "the listener threw");
            assertEquals(kindOf.size(), deliveries, "every message was delivered once: no redelivery loop");
            assertEquals(kindOf.size(), loggedOnce, "each rejection is logged exactly once, naming its message");
            assertEquals(0, unmatched);
            assertTrue(kindOf.size() > GENERATED);
        }
    }
}
