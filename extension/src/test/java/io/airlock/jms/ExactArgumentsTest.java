package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.fixtures.LogCapture;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Exact;
import io.airlock.jms.fixtures.Exact.Box;
import io.airlock.jms.fixtures.Exact.Quantity;
import io.airlock.jms.fixtures.Line;
import io.airlock.jms.fixtures.Order;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14: a message runs its task only when every argument is <em>exactly</em> a value of the declared
 * parameter type, at any depth. For each numeric type, char, boolean and String, the values just inside the
 * type (MIN, MAX, 0, -0) run and arrive with exactly that value; the values just outside it, fractions,
 * exponent forms, overflowing and underflowing numbers, strings holding numbers, booleans, arrays, objects and
 * null for a primitive are rejected with one WARNING naming the JMS message id, the parameter, its declared type
 * and the JSON path of the offending value, and nothing runs. The same inside {@code List<Long>},
 * {@code Set<Integer>}, {@code int[]}, {@code long[][]}, maps (values and numeric keys), {@code Optional}, a
 * record, a generic bean and nested beans. Real broker, real Weld, real receiver; one container for the class.
 */
@ExtendWith(WeldJunit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExactArgumentsTest {

    static final String QUEUE = "airlock.exact";
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(17);

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Exact.class);

    @Inject
    Airlock airlock;
    @Inject
    Exact exact;
    @Inject
    AirlockTaskReceiver receiver;

    @BeforeEach
    void setUp() throws Exception {
        broker.purge(QUEUE);
        exact.clear();
    }

    // ---------------------------------------------------------------- cases

    /** One message: the task (a method of {@link Exact}), the JSON of its arguments, and what must happen. */
    record Case(String method, String arguments, boolean runs, Object expected, int index, List<String> inWarning) {
        @Override
        public String toString() {
            String args = arguments.length() > 70 ? arguments.substring(0, 67) + "..." : arguments;
            return method + "(" + args + ") " + (runs ? "runs" : "is rejected");
        }
    }

    static Case runs(String method, String arguments, Object expected) {
        return new Case(method, arguments, true, expected, 0, List.of());
    }

    static Case rejected(String method, String arguments, String... inWarning) {
        return new Case(method, arguments, false, null, 0, List.of(inWarning));
    }

    static Method task(String name) {
        return Arrays.stream(Exact.class.getMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name));
    }

    /** Fractions and exponent forms: never a whole number as an integral type needs, whatever their value. */
    static final List<String> NOT_WHOLE = List.of("1.5", "-1.5", "1.9", "1.0", "42.0", "-0.0", "0.0", "4.2e1", "42e0", "1e2", "1E2",
            "1E+2", "0.5e1", "1e30", "-1e30", "1e400", "-1e400", "1e-400");
    /** JSON values that are not numbers at all. */
    static final List<String> NOT_NUMBERS = List.of("\"1\"", "\"42\"", "\"-0\"", "\"\"", "true", "false", "[1]", "[]", "{}", "{\"value\":1}");

    static void integral(List<Case> cases, String method, String type, long min, long max, LongFunction<Object> value) {
        boolean primitive = !type.contains(".");
        for (long v : new long[] {min, max, 0, 1, -1, min + 1, max - 1}) {
            cases.add(runs(method, Long.toString(v), value.apply(v)));
        }
        cases.add(runs(method, "-0", value.apply(0)));
        String range = " is out of the range of " + type + " (" + min + " to " + max + ")";
        for (BigInteger outside : List.of(BigInteger.valueOf(max).add(BigInteger.ONE), BigInteger.valueOf(min).subtract(BigInteger.ONE),
                BigInteger.valueOf(max).add(BigInteger.TEN), BigInteger.valueOf(max).shiftLeft(1), BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf(42)),
                BigInteger.TEN.pow(40), BigInteger.TEN.pow(40).negate())) {
            cases.add(rejected(method, outside.toString(), "args[0]: " + outside + range));
        }
        for (String s : NOT_WHOLE) {
            cases.add(rejected(method, s, "args[0]: " + s + " is not a whole number written without a fraction or an exponent, as " + type));
        }
        for (String s : NOT_NUMBERS) {
            cases.add(rejected(method, s, "args[0]: " + s + " is a JSON ", "not a number (declared " + type + ")"));
        }
        cases.add(primitive ? rejected(method, "null", "is null, but the parameter is a " + type) : runs(method, "null", null));
    }

    static void floating(List<Case> cases, String method, String type, boolean isFloat) {
        boolean primitive = !type.contains(".");
        List<String> inside = isFloat
                ? List.of("3.4028235E38", "-3.4028235E38", "3.4028235e38", "1.4E-45", "-1.4E-45", "1.17549435E-38", "0", "-0", "0.0", "-0.0",
                        "0e10", "0.1", "1e30", "42", "4.2e1", "16777217", "123456789012345678901234567890", "1e-45")
                : List.of("1.7976931348623157E308", "-1.7976931348623157E308", "1.7976931348623158e308", "4.9E-324", "-4.9E-324",
                        "2.2250738585072014E-308", "1e-320", "0", "-0", "0.0", "-0.0", "0E-400", "0.1", "1e30", "42", "4.2e1", "9007199254740993",
                        "123456789012345678901234567890");
        for (String s : inside) {
            cases.add(runs(method, s, isFloat ? (Object) Float.parseFloat(s) : (Object) Double.parseDouble(s)));
        }
        List<String> beyond = isFloat ? List.of("3.4028236e38", "-3.4028236e38", "3.5e38", "1e39", "1e400", "-1e400", "1e309")
                : List.of("1.7976931348623159e308", "-1.7976931348623159e308", "1.8e308", "1e309", "1e400", "-1e400", "1" + "0".repeat(400));
        for (String s : beyond) {
            cases.add(rejected(method, s, "args[0]: " + shown(s) + " is beyond the range of " + type + " (it would be "));
        }
        List<String> tiny = isFloat ? List.of("1e-46", "-1e-46", "7e-46", "1e-50", "1e-400") : List.of("2e-324", "-2e-324", "1e-400", "-1e-400");
        for (String s : tiny) {
            cases.add(rejected(method, s, "args[0]: " + s + " is too small for " + type + " (it would be 0)"));
        }
        for (String s : List.of("\"1.5\"", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e400\"", "true", "false", "[1.5]", "{}")) {
            cases.add(rejected(method, s, "args[0]: " + s + " is a JSON ", "not a number (declared " + type + ")"));
        }
        cases.add(primitive ? rejected(method, "null", "is null, but the parameter is a " + type) : runs(method, "null", null));
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        integral(cases, "aByte", "byte", Byte.MIN_VALUE, Byte.MAX_VALUE, v -> (byte) v);
        integral(cases, "aByteBox", "java.lang.Byte", Byte.MIN_VALUE, Byte.MAX_VALUE, v -> (byte) v);
        integral(cases, "aShort", "short", Short.MIN_VALUE, Short.MAX_VALUE, v -> (short) v);
        integral(cases, "aShortBox", "java.lang.Short", Short.MIN_VALUE, Short.MAX_VALUE, v -> (short) v);
        integral(cases, "anInt", "int", Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v);
        integral(cases, "anInteger", "java.lang.Integer", Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v);
        integral(cases, "aLong", "long", Long.MIN_VALUE, Long.MAX_VALUE, v -> v);
        integral(cases, "aLongBox", "java.lang.Long", Long.MIN_VALUE, Long.MAX_VALUE, v -> v);
        floating(cases, "aFloat", "float", true);
        floating(cases, "aFloatBox", "java.lang.Float", true);
        floating(cases, "aDouble", "double", false);
        floating(cases, "aDoubleBox", "java.lang.Double", false);

        // BigInteger: any whole number, no fraction, no exponent
        for (String s : List.of("0", "-0", "1", "-1", "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890123456789",
                "-" + "9".repeat(100))) {
            cases.add(runs("aBigInteger", s, new BigInteger(s)));
        }
        for (String s : NOT_WHOLE) {
            cases.add(rejected("aBigInteger", s, "args[0]: " + s + " is not a whole number written without a fraction or an exponent"));
        }
        for (String s : NOT_NUMBERS) {
            cases.add(rejected("aBigInteger", s, "args[0]: " + s + " is a JSON "));
        }
        cases.add(runs("aBigInteger", "null", null));

        // BigDecimal: any JSON number, exactly, scale included
        for (String s : List.of("0", "-0", "19.90", "0.10", "-1.5", "4.2e1", "1e30", "1E+400", "-1e400", "1e-400",
                "123456789012345678901234567890.123456789")) {
            cases.add(runs("aBigDecimal", s, new BigDecimal(s)));
        }
        for (String s : NOT_NUMBERS) {
            cases.add(rejected("aBigDecimal", s, "args[0]: " + s + " is a JSON "));
        }
        cases.add(runs("aBigDecimal", "null", null));

        // char: a string of exactly one UTF-16 character
        for (String method : List.of("aChar", "aCharacter")) {
            String type = method.equals("aChar") ? "char" : "java.lang.Character";
            cases.add(runs(method, "\"a\"", 'a'));
            cases.add(runs(method, "\"\\u0000\"", '\u0000'));
            cases.add(runs(method, "\"\\uffff\"", '\uffff'));
            cases.add(runs(method, "\"\\\"\"", '"'));
            cases.add(runs(method, "\"\u00e9\"", '\u00e9'));
            for (String s : List.of("\"\"", "\"ab\"", "\"\ud83d\ude00\"", "\"10\"")) {
                cases.add(rejected(method, s, "args[0]: " + s + " is not one character (declared " + type + ")"));
            }
            for (String s : List.of("65", "0", "true", "[\"a\"]", "{}")) {
                cases.add(rejected(method, s, "args[0]: " + s + " is a JSON ", "not a one-character string (declared " + type + ")"));
            }
            cases.add(type.equals("char") ? rejected(method, "null", "is null, but the parameter is a char") : runs(method, "null", null));
        }

        // boolean: true or false only
        for (String method : List.of("aBoolean", "aBooleanBox")) {
            String type = method.equals("aBoolean") ? "boolean" : "java.lang.Boolean";
            cases.add(runs(method, "true", true));
            cases.add(runs(method, "false", false));
            for (String s : List.of("\"true\"", "\"false\"", "1", "0", "-0", "1.0", "\"\"", "[true]", "{}")) {
                cases.add(rejected(method, s, "args[0]: " + s + " is not true or false (declared " + type + ")"));
            }
            cases.add(type.equals("boolean") ? rejected(method, "null", "is null, but the parameter is a boolean") : runs(method, "null", null));
        }

        // String: a JSON string only
        for (String s : List.of("\"x\"", "\"\"", "\"42\"", "\"true\"", "\"1e400\"", "\"null\"")) {
            cases.add(runs("aString", s, s.substring(1, s.length() - 1)));
        }
        for (String s : List.of("42", "0", "1e400", "true", "false", "[\"x\"]", "{}")) {
            cases.add(rejected("aString", s, "args[0]: " + s + " is a JSON ", "not a string (declared java.lang.String)"));
        }
        cases.add(runs("aString", "null", null));

        // List<Long>
        cases.add(runs("longs", "[1, 9223372036854775807, -9223372036854775808, -0]", List.of(1L, Long.MAX_VALUE, Long.MIN_VALUE, 0L)));
        cases.add(runs("longs", "[]", List.of()));
        cases.add(runs("longs", "[1, null]", Arrays.asList(1L, null)));
        cases.add(rejected("longs", "[1, 9223372036854775808]", "args[0][1]: 9223372036854775808 is out of the range of java.lang.Long"));
        cases.add(rejected("longs", "[1, 2, 3, -9223372036854775809]", "args[0][3]: -9223372036854775809 is out of the range"));
        cases.add(rejected("longs", "[1, 1.5]", "args[0][1]: 1.5 is not a whole number"));
        cases.add(rejected("longs", "[1e30]", "args[0][0]: 1e30 is not a whole number"));
        cases.add(rejected("longs", "[7.0]", "args[0][0]: 7.0 is not a whole number"));
        cases.add(rejected("longs", "[\"1\"]", "args[0][0]: \"1\" is a JSON string, not a number"));
        cases.add(rejected("longs", "[[1]]", "args[0][0]: [1] is a JSON array, not a number"));
        cases.add(rejected("longs", "{}", "args[0]: {} is a JSON object, not an array (declared java.util.List<java.lang.Long>)"));
        cases.add(rejected("longs", "1", "args[0]: 1 is a JSON number, not an array"));

        // Set<Integer>
        cases.add(runs("integers", "[1, 2147483647, -2147483648]", Set.of(1, Integer.MAX_VALUE, Integer.MIN_VALUE)));
        cases.add(rejected("integers", "[1, 2147483648]", "args[0][1]: 2147483648 is out of the range of java.lang.Integer"));
        cases.add(rejected("integers", "[4294967338]", "args[0][0]: 4294967338 is out of the range of java.lang.Integer"));
        cases.add(rejected("integers", "[4.2e1]", "args[0][0]: 4.2e1 is not a whole number"));
        cases.add(rejected("integers", "[true]", "args[0][0]: true is a JSON boolean, not a number"));
        // elements a set would hold once: the set would arrive with fewer than the message carries
        cases.add(rejected("integers", "[1, 1]", "args[0][1]: 1 is, as a java.lang.Integer, an element the set has already"));
        cases.add(rejected("integers", "[1, 0, -0]", "args[0][2]: -0 is, as a java.lang.Integer, an element the set has already"));
        cases.add(rejected("integers", "[-0, 2, 0]", "args[0][2]: 0 is, as a java.lang.Integer, an element the set has already"));
        cases.add(rejected("integers", "[null, 3, null]", "args[0][2]: null is, as a java.lang.Integer, an element the set has already"));
        cases.add(runs("integers", "[0, -1, 1]", Set.of(0, -1, 1)));
        // Set<Instant>: two texts of one instant are one element
        cases.add(rejected("instants", "[\"2020-01-01T00:00:00Z\", \"2020-01-01T00:00:00.000Z\"]",
                "args[0][1]: \"2020-01-01T00:00:00.000Z\" is, as a java.time.Instant, an element the set has already"));
        cases.add(runs("instants", "[\"2020-01-01T00:00:00Z\", \"2020-01-01T00:00:00.001Z\"]",
                Set.of(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-01-01T00:00:00.001Z"))));

        // int[]
        cases.add(runs("ints", "[-2147483648, 0, 2147483647, -0]", new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE, 0}));
        cases.add(runs("ints", "[]", new int[0]));
        cases.add(rejected("ints", "[1, null]", "args[0][1]: null is null, but int cannot be null"));
        cases.add(rejected("ints", "[1.0]", "args[0][0]: 1.0 is not a whole number", "as int needs"));
        cases.add(rejected("ints", "[0, 2147483648]", "args[0][1]: 2147483648 is out of the range of int"));
        cases.add(rejected("ints", "[\"1\"]", "args[0][0]: \"1\" is a JSON string, not a number (declared int)"));
        cases.add(rejected("ints", "{\"0\": 1}", "args[0]: {\"0\":1} is a JSON object, not an array (declared int[])"));

        // long[][]
        cases.add(runs("grid", "[[1, 2], [], [9223372036854775807, -9223372036854775808]]",
                new long[][] {{1, 2}, {}, {Long.MAX_VALUE, Long.MIN_VALUE}}));
        cases.add(rejected("grid", "[[1], [9223372036854775808]]", "args[0][1][0]: 9223372036854775808 is out of the range of long"));
        cases.add(rejected("grid", "[[1], [2, 3, 1.5]]", "args[0][1][2]: 1.5 is not a whole number"));
        cases.add(rejected("grid", "[[1], 2]", "args[0][1]: 2 is a JSON number, not an array (declared long[])"));
        cases.add(rejected("grid", "[[null]]", "args[0][0][0]: null is null, but long cannot be null"));
        cases.add(rejected("grid", "[[1e400]]", "args[0][0][0]: 1e400 is not a whole number"));

        // Map<String, Integer>: the values
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("a", 1);
        counts.put("b c", Integer.MIN_VALUE);
        counts.put("", Integer.MAX_VALUE);
        cases.add(runs("counts", "{\"a\": 1, \"b c\": -2147483648, \"\": 2147483647}", counts));
        cases.add(runs("counts", "{}", Map.of()));
        cases.add(rejected("counts", "{\"a\": 2147483648}", "args[0].a: 2147483648 is out of the range of java.lang.Integer"));
        cases.add(rejected("counts", "{\"a\": 1, \"b c\": 1.5}", "args[0][\"b c\"]: 1.5 is not a whole number"));
        cases.add(rejected("counts", "{\"a\": \"1\"}", "args[0].a: \"1\" is a JSON string, not a number"));
        cases.add(rejected("counts", "{\"a\": [1]}", "args[0].a: [1] is a JSON array, not a number"));
        cases.add(rejected("counts", "[1]", "args[0][0]: 1 is not a map entry"));
        cases.add(rejected("counts", "\"a=1\"", "args[0]: \"a=1\" is a JSON string, not an object"));

        // Map<Long, String>: the keys, written as JSON numbers in strings, or as JSON-B's entries
        Map<Long, String> names = new HashMap<>();
        names.put(Long.MAX_VALUE, "max");
        names.put(-1L, "minus one");
        names.put(0L, "zero");
        cases.add(runs("names", "{\"9223372036854775807\": \"max\", \"-1\": \"minus one\", \"-0\": \"zero\"}", names));
        cases.add(runs("names", "[{\"key\": 7, \"value\": \"seven\"}, {\"key\": -9223372036854775808, \"value\": \"min\"}]",
                Map.of(7L, "seven", Long.MIN_VALUE, "min")));
        for (String key : List.of("9223372036854775808", "-9223372036854775809", "18446744073709551658")) {
            cases.add(rejected("names", "{\"" + key + "\": \"x\"}", "args[0][\"" + key + "\"]: the key \"" + key + "\" is out of the range of java.lang.Long"));
        }
        for (String key : List.of("4.2e1", "1.0", "1e3", "1.5")) {
            cases.add(rejected("names", "{\"1\": \"one\", \"" + key + "\": \"x\"}", "args[0][\"" + key + "\"]: the key \"" + key + "\" is not a whole number"));
        }
        for (String key : List.of("x", " 1", "1 ", "+1", "01", "0x10", "", "NaN")) {
            cases.add(rejected("names", "{\"" + key + "\": \"x\"}", "the key \"" + key + "\" is not a JSON number (declared key type java.lang.Long)"));
        }
        cases.add(rejected("names", "{\"1\": 2}", "args[0][\"1\"]: 2 is a JSON number, not a string"));
        // keys a map would hold once: the map would arrive with fewer entries than the message carries
        cases.add(rejected("names", "{\"0\": \"a\", \"-0\": \"b\"}", "args[0][\"-0\"] is, as a java.lang.Long, a key the map has already"));
        cases.add(rejected("names", "{\"-0\": \"a\", \"0\": \"b\"}", "args[0][\"0\"] is, as a java.lang.Long, a key the map has already"));
        cases.add(rejected("names", "[{\"key\": 0, \"value\": \"a\"}, {\"key\": 0, \"value\": \"b\"}]",
                "args[0][1].key: 0 is, as a java.lang.Long, a key the map has already"));
        cases.add(rejected("names", "[{\"key\": -0, \"value\": \"a\"}, {\"key\": 0, \"value\": \"b\"}]",
                "args[0][1].key: 0 is, as a java.lang.Long, a key the map has already"));
        cases.add(rejected("names", "[{\"key\": 1.5, \"value\": \"x\"}]", "args[0][0].key: 1.5 is not a whole number"));
        cases.add(rejected("names", "[{\"key\": 1, \"value\": \"x\"}, {\"key\": \"2\", \"value\": \"y\"}]", "args[0][1].key: \"2\" is a JSON string"));
        cases.add(rejected("names", "[{\"key\": 1, \"value\": 1}]", "args[0][0].value: 1 is a JSON number, not a string"));
        cases.add(rejected("names", "[{\"value\": \"x\", \"key\": 1}]", "args[0][0]: {\"value\":\"x\",\"key\":1} is not a map entry"));

        // Optional<Integer>
        cases.add(runs("maybe", "5", Optional.of(5)));
        cases.add(runs("maybe", "-2147483648", Optional.of(Integer.MIN_VALUE)));
        cases.add(runs("maybe", "null", Optional.empty()));
        cases.add(rejected("maybe", "2147483648", "args[0]: 2147483648 is out of the range of java.lang.Integer"));
        cases.add(rejected("maybe", "5.0", "args[0]: 5.0 is not a whole number"));
        cases.add(rejected("maybe", "\"5\"", "args[0]: \"5\" is a JSON string, not a number"));

        // a record with int and long components
        cases.add(runs("quantity", "{\"units\": 3, \"sku\": 9223372036854775807}", new Quantity(3, Long.MAX_VALUE)));
        cases.add(runs("quantity", "{\"sku\": -9223372036854775808, \"units\": -2147483648}", new Quantity(Integer.MIN_VALUE, Long.MIN_VALUE)));
        cases.add(runs("quantity", "{\"units\": 3, \"sku\": 4, \"note\": 1e400, \"other\": [1.5]}", new Quantity(3, 4)));
        cases.add(rejected("quantity", "{\"units\": 1.5, \"sku\": 1}", "args[0].units: 1.5 is not a whole number", "as int needs"));
        cases.add(rejected("quantity", "{\"units\": 4294967338, \"sku\": 1}", "args[0].units: 4294967338 is out of the range of int"));
        cases.add(rejected("quantity", "{\"units\": 1, \"sku\": 9223372036854775808}", "args[0].sku: 9223372036854775808 is out of the range of long"));
        cases.add(rejected("quantity", "{\"units\": 1, \"sku\": \"1\"}", "args[0].sku: \"1\" is a JSON string, not a number (declared long)"));
        cases.add(rejected("quantity", "{\"units\": 1}", "args[0].sku is missing, but long cannot be null"));
        cases.add(rejected("quantity", "{}", "is missing, but "));
        cases.add(rejected("quantity", "{\"units\": null, \"sku\": 1}", "args[0].units: null is null, but int cannot be null"));
        cases.add(rejected("quantity", "[3, 4]", "args[0]: [3,4] is a JSON array, not an object"));

        // nested beans: Order { ref, items: List<Line> }, Line { int qty, long sku, float weight, boolean gift, BigDecimal "unit-price" }
        String line0 = "{\"qty\": 1, \"sku\": 10, \"weight\": 0.5, \"gift\": false, \"unit-price\": 19.90}";
        String line1 = "{\"qty\": 2147483647, \"sku\": -9223372036854775808, \"weight\": 3.4028235E38, \"gift\": true, \"unit-price\": 0.10}";
        cases.add(runs("order", "{\"ref\": \"A-1\", \"items\": [" + line0 + ", " + line1 + "]}", new Order("A-1", List.of(
                new Line(1, 10, 0.5f, false, new BigDecimal("19.90")), new Line(Integer.MAX_VALUE, Long.MIN_VALUE, Float.MAX_VALUE, true,
                        new BigDecimal("0.10"))))));
        cases.add(runs("order", "{\"ref\": \"A-2\", \"items\": [], \"extra\": 1e400}", new Order("A-2", List.of())));
        cases.add(rejected("order", "{\"ref\": \"A-3\", \"items\": [" + line0 + ", " + line0 + ", " + line0.replace("\"qty\": 1", "\"qty\": 4294967338")
                + "]}", "args[0].items[2].qty: 4294967338 is out of the range of int"));
        cases.add(rejected("order", "{\"items\": [" + line0.replace("\"qty\": 1", "\"qty\": 1.9") + "]}", "args[0].items[0].qty: 1.9 is not a whole number"));
        cases.add(rejected("order", "{\"items\": [" + line0 + ", " + line0.replace("\"sku\": 10", "\"sku\": 1e30") + "]}",
                "args[0].items[1].sku: 1e30 is not a whole number"));
        cases.add(rejected("order", "{\"items\": [" + line0.replace("\"weight\": 0.5", "\"weight\": 1e400") + "]}",
                "args[0].items[0].weight: 1e400 is beyond the range of float"));
        cases.add(rejected("order", "{\"items\": [" + line0.replace("\"gift\": false", "\"gift\": \"true\"") + "]}",
                "args[0].items[0].gift: \"true\" is not true or false (declared boolean)"));
        cases.add(rejected("order", "{\"items\": [" + line0.replace("\"gift\": false", "\"gift\": 1") + "]}",
                "args[0].items[0].gift: 1 is not true or false"));
        cases.add(rejected("order", "{\"items\": [" + line0 + ", " + line0.replace("19.90", "\"19.90\"") + "]}",
                "args[0].items[1][\"unit-price\"]: \"19.90\" is a JSON string, not a number (declared java.math.BigDecimal)"));
        cases.add(rejected("order", "{\"items\": [" + line0.replace("\"qty\": 1", "\"qty\": null") + "]}", "args[0].items[0].qty: null is null"));
        cases.add(rejected("order", "{\"ref\": 42, \"items\": []}", "args[0].ref: 42 is a JSON number, not a string"));
        cases.add(rejected("order", "{\"ref\": \"A\", \"items\": {}}", "args[0].items: {} is a JSON object, not an array"));
        cases.add(rejected("order", "{\"ref\": \"A\", \"items\": [[]]}", "args[0].items[0]: [] is a JSON array, not an object"));

        // a generic bean: Box<Integer>
        Box<Integer> box = new Box<>();
        box.setValue(7);
        box.setValues(List.of(1, Integer.MAX_VALUE));
        cases.add(runs("box", "{\"value\": 7, \"values\": [1, 2147483647]}", box));
        cases.add(rejected("box", "{\"value\": 2147483648}", "args[0].value: 2147483648 is out of the range of java.lang.Integer"));
        cases.add(rejected("box", "{\"value\": \"7\"}", "args[0].value: \"7\" is a JSON string, not a number"));
        cases.add(rejected("box", "{\"values\": [1, 1.5]}", "args[0].values[1]: 1.5 is not a whole number"));

        // two parameters: the second is named
        cases.add(new Case("labelled", "\"x\", 2147483647", true, Integer.MAX_VALUE, 1, List.of()));
        cases.add(rejected("labelled", "\"x\", 2147483648", "parameter count,", "args[1]: 2147483648 is out of the range of int"));
        cases.add(rejected("labelled", "\"x\", 42.0", "parameter count,", "args[1]: 42.0 is not a whole number"));
        cases.add(rejected("labelled", "42, 1", "parameter label,", "args[0]: 42 is a JSON number, not a string"));
        cases.add(rejected("labelled", "\"x\", null", "parameter count,", "is null, but the parameter is a int"));
        return cases;
    }

    // ---------------------------------------------------------------- the test

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aValueRunsExactlyOrTheMessageIsRejectedWithOneWarning(Case c) {
        Method task = task(c.method());
        try (LogCapture log = new LogCapture()) {
            String id = send(body(task, c.arguments()));
            assertTrue(broker.deliverNext(QUEUE, receiver::onMessage, 10_000), "the message arrived");
            List<String> warnings = log.at(Level.WARNING);
            if (c.runs()) {
                assertEquals(List.of(), warnings, "a message with exact values is not rejected");
                assertEquals(1, exact.received().size(), "the task ran once");
                assertExactly(c.expected(), exact.received().get(0).get(c.index()));
            } else {
                assertEquals(List.of(), exact.received(), "nothing ran");
                assertEquals(1, warnings.size(), "one WARNING: " + warnings);
                String warning = warnings.get(0);
                int position = c.inWarning().stream().anyMatch(s -> s.startsWith("args[1]") || s.contains("parameter count")) ? 1 : 0;
                java.lang.reflect.Parameter parameter = task.getParameters()[position];
                for (String expected : concat(List.of(id, "argument " + (position + 1) + " of " + Exact.class.getName() + "::" + task.getName(),
                        "parameter " + parameter.getName() + ",", parameter.getParameterizedType().getTypeName(), "Nothing was run"), c.inWarning())) {
                    assertTrue(warning.contains(expected), "expected '" + expected + "' in: " + warning);
                }
            }
        }
    }

    /** A value as a warning shows it: abbreviated past 60 characters. */
    static String shown(String json) {
        return json.length() <= 60 ? json : json.substring(0, 57) + "...";
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Equal, and of the same class where a class can differ: {@code Long} 0 is not {@code Integer} 0, {@code -0.0} is not {@code 0.0}. */
    static void assertExactly(Object expected, Object actual) {
        if (expected != null && expected.getClass().isArray()) {
            assertEquals(expected.getClass(), actual.getClass());
            assertTrue(Arrays.deepEquals(new Object[] {expected}, new Object[] {actual}),
                    Arrays.deepToString(new Object[] {expected}) + " != " + Arrays.deepToString(new Object[] {actual}));
            return;
        }
        assertEquals(expected, actual);
        if (expected instanceof BigDecimal b) {
            assertEquals(b.scale(), ((BigDecimal) actual).scale(), "the scale");
        }
        if (expected instanceof Number || expected instanceof Character || expected instanceof Boolean || expected instanceof String) {
            assertEquals(expected.getClass(), actual.getClass());
        }
    }

    // ---------------------------------------------------------------- through the sender

    @Test
    void boundaryValuesSentByTheExecutorRunWithExactlyTheirValue() {
        airlock.configure(c -> c.withExecutor(JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueName(QUEUE).build()));
        List<Object> sent = new ArrayList<>();
        Line line = new Line(Integer.MIN_VALUE, Long.MAX_VALUE, Float.MIN_VALUE, true, new BigDecimal("-0.001"));
        Box<Integer> box = new Box<>();
        box.setValue(Integer.MIN_VALUE);
        box.setValues(List.of(Integer.MAX_VALUE));
        Map<Long, String> names = new HashMap<>(Map.of(Long.MIN_VALUE, "min", Long.MAX_VALUE, "max"));
        airlock.run(() -> {
            for (byte v : new byte[] {Byte.MIN_VALUE, Byte.MAX_VALUE, 0}) {
                airlock.enqueue(Exact::aByte, v);
                airlock.enqueue(Exact::aByteBox, v);
                sent.addAll(List.of(v, v));
            }
            for (short v : new short[] {Short.MIN_VALUE, Short.MAX_VALUE, 0}) {
                airlock.enqueue(Exact::aShort, v);
                airlock.enqueue(Exact::aShortBox, v);
                sent.addAll(List.of(v, v));
            }
            for (int v : new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1}) {
                airlock.enqueue(Exact::anInt, v);
                airlock.enqueue(Exact::anInteger, v);
                sent.addAll(List.of(v, v));
            }
            for (long v : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1}) {
                airlock.enqueue(Exact::aLong, v);
                airlock.enqueue(Exact::aLongBox, v);
                sent.addAll(List.of(v, v));
            }
            for (float v : new float[] {Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, 0.1f, 1e30f, 0}) {
                airlock.enqueue(Exact::aFloat, v);
                airlock.enqueue(Exact::aFloatBox, v);
                sent.addAll(List.of(v, v));
            }
            for (double v : new double[] {Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 0.1, 1e-320,
                0, -0.0}) {
                airlock.enqueue(Exact::aDouble, v);
                airlock.enqueue(Exact::aDoubleBox, v);
                sent.addAll(List.of(v, v));
            }
            for (BigInteger v : List.of(BigInteger.TWO.pow(100), BigInteger.TWO.pow(100).negate(), BigInteger.ZERO)) {
                airlock.enqueue(Exact::aBigInteger, v);
                sent.add(v);
            }
            for (BigDecimal v : List.of(new BigDecimal("19.90"), new BigDecimal("1E+400"), new BigDecimal("-1E-400"), BigDecimal.ZERO)) {
                airlock.enqueue(Exact::aBigDecimal, v);
                sent.add(v);
            }
            for (char v : new char[] {'a', '\u0000', '\uffff', '"', '\\', '\ud83d'}) {
                airlock.enqueue(Exact::aChar, v);
                airlock.enqueue(Exact::aCharacter, v);
                sent.addAll(List.of(v, v));
            }
            for (boolean v : new boolean[] {true, false}) {
                airlock.enqueue(Exact::aBoolean, v);
                airlock.enqueue(Exact::aBooleanBox, v);
                sent.addAll(List.of(v, v));
            }
            for (String v : List.of("", "42", "true", "\u00e9\ud83d\ude00")) {
                airlock.enqueue(Exact::aString, v);
                sent.add(v);
            }
            airlock.enqueue(Exact::longs, List.of(Long.MIN_VALUE, Long.MAX_VALUE));
            airlock.enqueue(Exact::integers, Set.of(Integer.MIN_VALUE, Integer.MAX_VALUE));
            airlock.enqueue(Exact::ints, new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE});
            airlock.enqueue(Exact::grid, new long[][] {{Long.MIN_VALUE}, {}, {Long.MAX_VALUE, 0}});
            airlock.enqueue(Exact::counts, Map.of("a", Integer.MAX_VALUE));
            airlock.enqueue(Exact::names, names);
            airlock.enqueue(Exact::maybe, Optional.of(Integer.MIN_VALUE));
            airlock.enqueue(Exact::maybe, Optional.empty());
            airlock.enqueue(Exact::quantity, new Quantity(Integer.MIN_VALUE, Long.MAX_VALUE));
            airlock.enqueue(Exact::order, new Order("A-1", List.of(line, line)));
            airlock.enqueue(Exact::box, box);
            sent.addAll(List.of(List.of(Long.MIN_VALUE, Long.MAX_VALUE), Set.of(Integer.MIN_VALUE, Integer.MAX_VALUE),
                    new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE}, new long[][] {{Long.MIN_VALUE}, {}, {Long.MAX_VALUE, 0}},
                    Map.of("a", Integer.MAX_VALUE), names, Optional.of(Integer.MIN_VALUE), Optional.empty(),
                    new Quantity(Integer.MIN_VALUE, Long.MAX_VALUE), new Order("A-1", List.of(line, line)), box));
        });
        try (LogCapture log = new LogCapture()) {
            assertEquals(sent.size(), broker.deliver(QUEUE, receiver::onMessage, 300));
            assertEquals(List.of(), log.at(Level.WARNING));
        }
        List<List<Object>> received = exact.received();
        assertEquals(sent.size(), received.size());
        for (int i = 0; i < sent.size(); i++) {
            assertExactly(sent.get(i), received.get(i).get(0));
        }
    }

    // ---------------------------------------------------------------- random numbers

    /** How each integral and floating type must take a number written as text, decided independently of the receiver (with BigDecimal). */
    static Object oracle(String method, String text) {
        boolean whole = text.matches("-?[0-9]+");
        BigDecimal value = new BigDecimal(text);
        switch (method) {
            case "aByte", "aShort", "anInt", "aLong" -> {
                int bits = method.equals("aByte") ? 8 : method.equals("aShort") ? 16 : method.equals("anInt") ? 32 : 64;
                if (!whole || value.toBigInteger().bitLength() >= bits) {
                    return null;
                }
                long v = value.longValueExact();
                return switch (method) {
                    case "aByte" -> (byte) v;
                    case "aShort" -> (short) v;
                    case "anInt" -> (int) v;
                    default -> v;
                };
            }
            case "aBigInteger" -> {
                return whole ? value.toBigIntegerExact() : null;
            }
            case "aFloat" -> {
                float f = value.floatValue();
                return Float.isInfinite(f) || f == 0 && value.signum() != 0 ? null : (Object) Float.parseFloat(text);
            }
            default -> {
                double d = value.doubleValue();
                return Double.isInfinite(d) || d == 0 && value.signum() != 0 ? null : (Object) Double.parseDouble(text);
            }
        }
    }

    static String randomNumber(SplittableRandom r) {
        String sign = r.nextInt(3) == 0 ? "-" : "";
        return switch (r.nextInt(8)) {
            case 0 -> Long.toString(r.nextLong()); // any long
            case 1 -> { // near a boundary of byte, short, int or long
                long[] edges = {Byte.MAX_VALUE, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE};
                BigInteger edge = BigInteger.valueOf(edges[r.nextInt(edges.length)]);
                yield (sign.isEmpty() ? edge.add(BigInteger.valueOf(r.nextInt(5) - 2)) : edge.negate().add(BigInteger.valueOf(r.nextInt(5) - 3))).toString();
            }
            case 2 -> sign + new BigInteger(1 + r.nextInt(120), new java.util.Random(r.nextLong())); // up to 120 bits
            case 3 -> sign + r.nextInt(1000) + "." + (r.nextBoolean() ? "0" : Integer.toString(r.nextInt(1000))); // a fraction, maybe .0
            case 4 -> sign + (1 + r.nextInt(9)) + (r.nextBoolean() ? "." + r.nextInt(100) : "") + (r.nextBoolean() ? "e" : "E")
                    + (r.nextBoolean() ? "" : r.nextBoolean() ? "+" : "-") + r.nextInt(r.nextBoolean() ? 5 : 420); // exponent forms
            case 5 -> Double.toString(Double.longBitsToDouble(r.nextLong() & 0x7FEFFFFFFFFFFFFFL)).replace("Infinity", "1e999"); // any double
            case 6 -> sign + "0" + (r.nextBoolean() ? ".0" : "") + (r.nextBoolean() ? "e" + r.nextInt(500) : ""); // zeros
            default -> Integer.toString(r.nextInt(201) - 100); // small
        };
    }

    @Test
    void randomNumbersRunWithExactlyTheirValueWhenTheTypeHoldsThemAndAreRejectedOnceOtherwise() throws Exception {
        SplittableRandom random = new SplittableRandom(14);
        List<String> methods = List.of("aByte", "aShort", "anInt", "aLong", "aBigInteger", "aFloat", "aDouble");
        Map<String, String> sentText = new LinkedHashMap<>();
        List<Object> expectedRuns = new ArrayList<>();
        Map<String, Boolean> runs = new HashMap<>();
        try (JMSContext context = broker.connectionFactory().createContext()) {
            JMSProducer producer = context.createProducer();
            Queue queue = context.createQueue(QUEUE);
            for (int i = 0; i < 1400; i++) {
                String method = methods.get(i % methods.size());
                String text = randomNumber(random);
                Object expected = oracle(method, text);
                Message message = context.createTextMessage(body(task(method), text));
                producer.send(queue, message);
                String id = message.getJMSMessageID();
                sentText.put(id, method + "(" + text + ")");
                runs.put(id, expected != null);
                if (expected != null) {
                    expectedRuns.add(expected);
                }
            }
        }
        try (LogCapture log = new LogCapture()) {
            int deliveries = broker.deliver(QUEUE, receiver::onMessage, 300);
            assertEquals(sentText.size(), deliveries, "each message delivered once");
            List<Object> ran = exact.received().stream().map(args -> args.get(0)).collect(Collectors.toList());
            assertEquals(expectedRuns.size(), ran.size(), "the messages whose values fit ran, the others did not");
            for (int i = 0; i < ran.size(); i++) {
                assertExactly(expectedRuns.get(i), ran.get(i));
            }
            Pattern idPattern = Pattern.compile("Rejected JMS message (ID:[0-9A-Za-z-]+)");
            Map<String, Integer> warningsPerMessage = new HashMap<>();
            for (String warning : log.at(Level.WARNING)) {
                Matcher m = idPattern.matcher(warning);
                assertTrue(m.find(), warning);
                warningsPerMessage.merge(m.group(1), 1, Integer::sum);
            }
            for (Map.Entry<String, Boolean> e : runs.entrySet()) {
                assertEquals(e.getValue() ? 0 : 1, warningsPerMessage.getOrDefault(e.getKey(), 0).intValue(), sentText.get(e.getKey()));
            }
            long rejected = runs.values().stream().filter(r -> !r).count();
            System.out.printf("random numbers: %d messages, %d ran with exactly their value, %d rejected with one warning each%n", runs.size(),
                    ran.size(), rejected);
            assertTrue(ran.size() > 300 && rejected > 300, "both outcomes are well represented");
        }
    }

    // ---------------------------------------------------------------- messages

    /** A message for a task of {@link Exact}, its arguments written as given (so {@code 4.2e1} stays {@code 4.2e1}). */
    static String body(Method task, String arguments) {
        String types = Arrays.stream(task.getParameterTypes()).map(t -> "\"" + t.getName() + "\"").collect(Collectors.joining(","));
        String target = "\"" + Exact.class.getName() + "\"";
        return "{\"format\":1,\"id\":\"exact-1\",\"name\":\"" + task.getName() + "\",\"target\":{\"targetType\":" + target + ",\"declaringClass\":"
                + target + ",\"methodName\":\"" + task.getName() + "\",\"parameterTypes\":[" + types + "]},\"arguments\":[" + arguments
                + "],\"options\":{}}";
    }

    static String send(String body) {
        try (JMSContext c = broker.connectionFactory().createContext()) {
            Message m = c.createTextMessage(body);
            c.createProducer().send(c.createQueue(QUEUE), m);
            return m.getJMSMessageID();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
