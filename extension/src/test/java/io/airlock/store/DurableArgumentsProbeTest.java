package io.airlock.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.AirlockTask;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.Task1;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.internal.cdi.Settings;
import io.airlock.store.fixtures.DurableDatabase;
import io.airlock.store.fixtures.XaDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Probes: every argument docs/jms-format.md calls transportable, stored in a row and dispatched by the relay (the
 * first dispatch fails, so the task runs on what the relay decoded from the row). Each must arrive exactly (equal,
 * of the same class), or fail at the flush with a clear message and leave no row; nothing may be changed silently.
 */
@ExtendWith(WeldJunit5Extension.class)
class DurableArgumentsProbeTest {

    static final String DS = "java:/test/airlock-durable-args";
    static XaDataSource database;
    static DurableDatabase bound;
    static final Map<String, String> SETTINGS = Map.of(
            Settings.STORE, "jdbc",
            Settings.STORE_DATASOURCE, DS,
            Settings.STORE_BACKOFF_INITIAL, "10ms",
            Settings.STORE_BACKOFF_MAX, "10ms",
            Settings.STORE_MAX_RETRIES, "2",
            Settings.STORE_COMPLETION_DELAY, "0");

    public enum Color { RED, GREEN }

    /** An enum whose constants have bodies: each constant is an instance of an anonymous subclass. */
    public enum Parity {
        ODD {
            @Override
            boolean test(int n) {
                return n % 2 != 0;
            }
        },
        EVEN {
            @Override
            boolean test(int n) {
                return n % 2 == 0;
            }
        };

        abstract boolean test(int n);
    }

    public record Money(BigDecimal amount, String currency) {
    }

    public record Order(long id, List<Money> lines, Map<String, Integer> quantities, Optional<String> note, Color color) {
    }

    /** Records each argument it is called with, as it arrives. */
    @ApplicationScoped
    public static class Types {
        private final List<Object> got = new CopyOnWriteArrayList<>();

        List<Object> got() {
            return new ArrayList<>(got);
        }

        void clear() {
            got.clear();
        }

        private void add(Object v) {
            got.add(v == null ? NULL : v);
        }

        @AirlockTask public void pByte(byte v) { add(v); }
        @AirlockTask public void pShort(short v) { add(v); }
        @AirlockTask public void pInt(int v) { add(v); }
        @AirlockTask public void pLong(long v) { add(v); }
        @AirlockTask public void pFloat(float v) { add(v); }
        @AirlockTask public void pDouble(double v) { add(v); }
        @AirlockTask public void pChar(char v) { add(v); }
        @AirlockTask public void pBoolean(boolean v) { add(v); }
        @AirlockTask public void bLong(Long v) { add(v); }
        @AirlockTask public void bDouble(Double v) { add(v); }
        @AirlockTask public void bFloat(Float v) { add(v); }
        @AirlockTask public void bCharacter(Character v) { add(v); }
        @AirlockTask public void bigDecimal(BigDecimal v) { add(v); }
        @AirlockTask public void bigInteger(BigInteger v) { add(v); }
        @AirlockTask public void number(Number v) { add(v); }
        @AirlockTask public void object(Object v) { add(v); }
        @AirlockTask public void string(String v) { add(v); }
        @AirlockTask public void color(Color v) { add(v); }
        @AirlockTask public void parity(Parity v) { add(v); }
        @AirlockTask public void money(Money v) { add(v); }
        @AirlockTask public void order(Order v) { add(v); }
        @AirlockTask public void optString(Optional<String> v) { add(v); }
        @AirlockTask public void optInt(OptionalInt v) { add(v); }
        @AirlockTask public void optLong(OptionalLong v) { add(v); }
        @AirlockTask public void optDouble(OptionalDouble v) { add(v); }
        @AirlockTask public void longs(List<Long> v) { add(v); }
        @AirlockTask public void strings(List<String> v) { add(v); }
        @AirlockTask public void nested(List<List<Integer>> v) { add(v); }
        @AirlockTask public void ints(Set<Integer> v) { add(v); }
        @AirlockTask public void byName(Map<String, Integer> v) { add(v); }
        @AirlockTask public void byLong(Map<Long, String> v) { add(v); }
        @AirlockTask public void byDate(Map<LocalDate, String> v) { add(v); }
        @AirlockTask public void intArray(int[] v) { add(v); }
        @AirlockTask public void longMatrix(long[][] v) { add(v); }
        @AirlockTask public void stringArray(String[] v) { add(v); }
        @AirlockTask public void instant(Instant v) { add(v); }
        @AirlockTask public void localDate(LocalDate v) { add(v); }
        @AirlockTask public void localTime(LocalTime v) { add(v); }
        @AirlockTask public void localDateTime(LocalDateTime v) { add(v); }
        @AirlockTask public void zoned(ZonedDateTime v) { add(v); }
        @AirlockTask public void offsetDateTime(OffsetDateTime v) { add(v); }
        @AirlockTask public void offsetTime(OffsetTime v) { add(v); }
        @AirlockTask public void duration(Duration v) { add(v); }
        @AirlockTask public void period(Period v) { add(v); }
        @AirlockTask public void zoneId(ZoneId v) { add(v); }
        @AirlockTask public void zoneOffset(ZoneOffset v) { add(v); }
        @AirlockTask public void uuid(UUID v) { add(v); }
        @AirlockTask public void uri(URI v) { add(v); }
        @AirlockTask public void date(Date v) { add(v); }
    }

    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "(null)";
        }
    };

    /** Fails the first dispatch of each intent, so that the task runs on what the relay decodes from the row. */
    @ApplicationScoped
    @Named("fail-once")
    public static class FailOnce implements IntentExecutor {
        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        @Override
        public void execute(Intent intent) throws Exception {
            if (seen.add(intent.id())) {
                throw new IllegalStateException("first dispatch of " + intent.id() + " fails on purpose");
            }
            intent.invoke();
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Types.class, FailOnce.class);

    @Inject
    Airlock airlock;
    @Inject
    Types types;
    @Inject
    DurableIntents durable;

    @BeforeAll
    static void h2() {
        database = XaDataSource.h2("durable-args");
        bound = DurableDatabase.bind(database, DS, SETTINGS);
    }

    @AfterAll
    static void unconfigure() {
        bound.release();
        bound = null;
        database = null;
    }

    @BeforeEach
    void emptyTable() throws Exception {
        durable.count(IntentState.PENDING);
        bound.sql("DELETE FROM AIRLOCK_INTENT");
    }

    /** The outcome of one argument: "same" when it arrived equal and of its class, "refused: ..." at the flush, else what arrived. */
    <A> String roundTrip(Task1<Types, A> task, A value) throws Exception {
        types.clear();
        try {
            airlock.scope().executor(durable.executor("fail-once")).run(() -> airlock.enqueue(task, value));
        } catch (RuntimeException refused) {
            long rows = durable.count(IntentState.PENDING) + durable.count(IntentState.FAILED);
            return "refused" + (rows == 0 ? "" : " BUT LEFT " + rows + " ROW(S)") + ": " + refused;
        }
        long end = System.nanoTime() + 5_000_000_000L;
        while (types.got().isEmpty() && System.nanoTime() < end) {
            durable.relayNow();
            Thread.sleep(15);
        }
        if (types.got().isEmpty()) {
            return "NEVER RAN: " + durable.failed(0, 1).stream().map(i -> i.lastError().orElse("?")).toList() + " "
                    + durable.pending(0, 1);
        }
        Object got = types.got().get(0);
        Object sent = value == null ? NULL : value;
        boolean sameClass = got.getClass() == sent.getClass()
                || (got instanceof List && sent instanceof List) || (got instanceof Set && sent instanceof Set) || (got instanceof Map && sent instanceof Map);
        boolean same = sameClass && (got.getClass().isArray() ? Arrays.deepEquals(new Object[] {got}, new Object[] {sent})
                : got.equals(sent));
        if (same && got instanceof Double d && d == 0.0) {
            same = Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits((Double) sent);
        }
        if (same && got instanceof Float f && f == 0.0f) {
            same = Float.floatToRawIntBits(f) == Float.floatToRawIntBits((Float) sent);
        }
        if (same && got instanceof Map<?, ?> gotMap) { // and in the order the sender's map iterates, as the JSON carries it
            same = new ArrayList<>(gotMap.entrySet()).equals(new ArrayList<>(((Map<?, ?>) sent).entrySet()));
        }
        if (same && got instanceof Set<?> gotSet) {
            same = new ArrayList<>(gotSet).equals(new ArrayList<>((Set<?>) sent));
        }
        if (same && got instanceof BigDecimal b) {
            same = b.scale() == ((BigDecimal) sent).scale();
        }
        return same ? "same" : "CHANGED: sent " + describe(sent) + ", got " + describe(got);
    }

    static String describe(Object v) {
        String text = v.getClass().isArray() ? Arrays.deepToString(new Object[] {v}) : String.valueOf(v);
        if (text.length() > 80) {
            text = text.substring(0, 80) + "...(" + text.length() + " chars)";
        }
        StringBuilder printable = new StringBuilder();
        for (char ch : text.toCharArray()) {
            printable.append(Character.isSurrogate(ch) || ch < ' ' ? String.format("\\u%04X", (int) ch) : String.valueOf(ch));
        }
        text = printable.toString();
        return text + " (" + v.getClass().getName() + ")";
    }

    record Case(String label, Task1<Types, Object> task, Object value) {
        @Override
        public String toString() {
            return label;
        }
    }

    @SuppressWarnings("unchecked")
    static <A> Arguments arrives(String label, Task1<Types, A> task, A value) {
        return Arguments.of(label, new Case(label, (Task1<Types, Object>) (Task1<Types, ?>) task, value));
    }

    @SuppressWarnings("unchecked")
    static <A> Arguments refused(String label, Task1<Types, A> task, A value) {
        return Arguments.of(label, new Case(label, (Task1<Types, Object>) (Task1<Types, ?>) task, value));
    }

    static Map<String, Integer> withNullValue() {
        Map<String, Integer> m = new HashMap<>();
        m.put("a", 1);
        m.put("none", null);
        return m;
    }

    static List<String> withNullElement() {
        List<String> l = new ArrayList<>();
        l.add("a");
        l.add(null);
        return l;
    }

    static Stream<Arguments> arriving() {
        LinkedHashMap<Long, String> byLong = new LinkedHashMap<>();
        byLong.put(Long.MIN_VALUE, "min");
        byLong.put(-0L, "zero");
        byLong.put(Long.MAX_VALUE, "max");
        return Stream.of(
                arrives("byte min", Types::pByte, Byte.MIN_VALUE),
                arrives("short min", Types::pShort, Short.MIN_VALUE),
                arrives("int min", Types::pInt, Integer.MIN_VALUE),
                arrives("long min", Types::pLong, Long.MIN_VALUE),
                arrives("long max", Types::pLong, Long.MAX_VALUE),
                arrives("Long null", Types::bLong, null),
                arrives("float max", Types::pFloat, Float.MAX_VALUE),
                arrives("float min subnormal", Types::pFloat, Float.MIN_VALUE),
                arrives("float 0.1", Types::pFloat, 0.1f),
                arrives("Float box 16777217 rounds as float", Types::bFloat, 16777216f),
                arrives("double max", Types::pDouble, Double.MAX_VALUE),
                arrives("double min subnormal", Types::pDouble, Double.MIN_VALUE),
                arrives("double 0.1", Types::pDouble, 0.1),
                arrives("double -0.0", Types::pDouble, -0.0),
                arrives("double 1/3", Types::pDouble, 1.0 / 3),
                arrives("Double null", Types::bDouble, null),
                arrives("BigDecimal 19.90 (scale)", Types::bigDecimal, new BigDecimal("19.90")),
                arrives("BigDecimal 1E+400", Types::bigDecimal, new BigDecimal("1E+400")),
                arrives("BigDecimal -0.00", Types::bigDecimal, new BigDecimal("-0.00")),
                arrives("BigDecimal 0E-10", Types::bigDecimal, new BigDecimal("0E-10")),
                arrives("BigDecimal long fraction", Types::bigDecimal, new BigDecimal("123456789012345678901234567890.000000000000000000001")),
                arrives("BigDecimal 1E-400", Types::bigDecimal, new BigDecimal("1E-400")),
                arrives("BigInteger 2^300", Types::bigInteger, BigInteger.TWO.pow(300)),
                arrives("BigInteger -2^300", Types::bigInteger, BigInteger.TWO.pow(300).negate()),
                arrives("Number BigDecimal", Types::number, new BigDecimal("5.0")),
                arrives("Object null", Types::object, null),
                arrives("char a", Types::pChar, 'a'),
                arrives("char NUL", Types::pChar, '\u0000'),
                arrives("char quote", Types::pChar, '"'),
                arrives("Character null", Types::bCharacter, null),
                arrives("boolean", Types::pBoolean, true),
                arrives("String empty", Types::string, ""),
                arrives("String NUL", Types::string, "a\u0000b"),
                arrives("String control chars", Types::string, "\t\n\r\b\f\u001f\u007f"),
                arrives("String emoji", Types::string, "caf\u00e9 \uD83D\uDE00 \u4e2d\u6587"),
                arrives("String line separators", Types::string, "\u2028\u2029"),
                arrives("String quotes and backslashes", Types::string, "\"'\\ </script> ${x} %s"),
                arrives("String 3 MiB", Types::string, "\u00e9".repeat(3 * 1024 * 1024)),
                arrives("String null", Types::string, null),
                arrives("enum", Types::color, Color.GREEN),
                arrives("enum null", Types::color, null),
                arrives("record", Types::money, new Money(new BigDecimal("19.90"), "EUR")),
                arrives("record with null component", Types::money, new Money(null, null)),
                arrives("nested record", Types::order, new Order(7, List.of(new Money(new BigDecimal("1.50"), "EUR")), Map.of("sku-1", 2),
                        Optional.of("gift"), Color.RED)),
                arrives("nested record, empty Optional", Types::order, new Order(7, List.of(), Map.of(), Optional.empty(), null)),
                arrives("Optional present", Types::optString, Optional.of("x")),
                arrives("Optional empty", Types::optString, Optional.empty()),
                arrives("OptionalInt", Types::optInt, OptionalInt.of(Integer.MIN_VALUE)),
                arrives("OptionalInt empty", Types::optInt, OptionalInt.empty()),
                arrives("OptionalLong max", Types::optLong, OptionalLong.of(Long.MAX_VALUE)),
                arrives("OptionalDouble", Types::optDouble, OptionalDouble.of(0.1)),
                arrives("List<Long> with null", Types::longs, Arrays.asList(1L, null, Long.MAX_VALUE)),
                arrives("List<String> with null", Types::strings, withNullElement()),
                arrives("List<List<Integer>>", Types::nested, List.of(List.of(1), List.of(), List.of(2, 3))),
                arrives("Set<Integer>", Types::ints, Set.of(1, 2, 3)),
                arrives("Map<String,Integer> with null value", Types::byName, withNullValue()),
                arrives("Map<Long,String> extremes", Types::byLong, byLong),
                arrives("Map<LocalDate,String>", Types::byDate, new TreeMap<>(Map.of(LocalDate.of(2026, 1, 31), "x"))),
                arrives("int[]", Types::intArray, new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}),
                arrives("long[][]", Types::longMatrix, new long[][] {{1}, {}, {Long.MIN_VALUE, Long.MAX_VALUE}}),
                arrives("String[] with null", Types::stringArray, new String[] {"a", null}),
                arrives("Instant with nanos", Types::instant, Instant.parse("2026-01-31T12:00:00.123456789Z")),
                arrives("Instant min", Types::instant, Instant.MIN),
                arrives("Instant max", Types::instant, Instant.MAX),
                arrives("LocalDate max", Types::localDate, LocalDate.MAX),
                arrives("LocalTime nanos", Types::localTime, LocalTime.of(23, 59, 59, 999_999_999)),
                arrives("LocalDateTime", Types::localDateTime, LocalDateTime.of(2026, 2, 28, 0, 0)),
                arrives("ZonedDateTime region", Types::zoned, ZonedDateTime.of(2026, 10, 25, 2, 30, 0, 0, ZoneId.of("Europe/Paris"))),
                arrives("ZonedDateTime offset", Types::zoned, ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 1, ZoneOffset.ofHoursMinutes(5, 45))),
                arrives("OffsetDateTime", Types::offsetDateTime, OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-12))),
                arrives("OffsetTime", Types::offsetTime, OffsetTime.of(1, 2, 3, 4, ZoneOffset.UTC)),
                arrives("Duration nanos", Types::duration, Duration.ofNanos(1)),
                arrives("Duration negative", Types::duration, Duration.ofSeconds(-90, 5)),
                arrives("Duration huge", Types::duration, Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)),
                arrives("Period", Types::period, Period.of(1, -2, 3)),
                arrives("ZoneId region", Types::zoneId, ZoneId.of("America/Argentina/Buenos_Aires")),
                arrives("ZoneOffset", Types::zoneOffset, ZoneOffset.ofHoursMinutes(-3, -30)),
                arrives("UUID", Types::uuid, UUID.fromString("123e4567-e89b-12d3-a456-426614174000")),
                arrives("URI", Types::uri, URI.create("https://example.com/a%20b?q=%C3%A9#frag")),
                arrives("Date with millis", Types::date, new Date(1_769_860_800_123L)));
    }

    /** Each value arrives exactly, or is refused at the flush with no row left. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("arriving")
    void arrivesExactlyOrIsRefusedClearly(String label, Case c) throws Exception {
        String outcome = roundTrip(c.task(), c.value());
        System.out.println("PROBE " + label + ": " + outcome);
        assertTrue(outcome.equals("same") || (outcome.startsWith("refused: ") && !outcome.contains("BUT LEFT")), outcome);
    }

    static Stream<Arguments> notTransportable() {
        return Stream.of(
                refused("float NaN", Types::pFloat, Float.NaN),
                refused("double NaN", Types::pDouble, Double.NaN),
                refused("double Infinity", Types::pDouble, Double.POSITIVE_INFINITY),
                refused("Double -Infinity", Types::bDouble, Double.NEGATIVE_INFINITY),
                refused("OptionalDouble NaN", Types::optDouble, OptionalDouble.of(Double.NaN)),
                refused("Object Integer (would arrive as BigDecimal)", Types::object, 5),
                refused("Object Long (would arrive as BigDecimal)", Types::object, 5L),
                refused("Number Integer (would arrive as BigDecimal)", Types::number, 5),
                refused("Number Double (would arrive as BigDecimal)", Types::number, 0.1),
                refused("Object record (would arrive as a Map)", Types::object, new Money(BigDecimal.ONE, "EUR")));
    }

    /** What JSON cannot carry exactly is refused at the flush, naming the argument; no row is left. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("notTransportable")
    void whatCannotTravelIsRefusedAtTheFlush(String label, Case c) throws Exception {
        String outcome = roundTrip(c.task(), c.value());
        System.out.println("PROBE " + label + ": " + outcome);
        assertTrue(outcome.startsWith("refused: ") && !outcome.contains("BUT LEFT"), outcome);
        assertTrue(outcome.contains("argument"), "the message names the argument: " + outcome);
    }

    /**
     * A null Optional argument must arrive as null, or be refused at the flush as "an argument that would arrive as
     * something else" (docs/jms-format.md, "What the sender refuses").
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nullOptionals")
    void aNullOptionalArrivesAsNullOrIsRefused(String label, Case c) throws Exception {
        String outcome = roundTrip(c.task(), c.value());
        System.out.println("PROBE " + label + ": " + outcome);
        assertTrue(outcome.equals("same") || (outcome.startsWith("refused: ") && !outcome.contains("BUT LEFT")), outcome);
    }

    static Stream<Arguments> nullOptionals() {
        return Stream.of(
                arrives("Optional null", Types::optString, null),
                arrives("OptionalInt null", Types::optInt, null));
    }

    /** An enum constant with a body (an anonymous subclass) is an enum value like any other: it arrives as itself. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("enumsWithBodies")
    void anEnumConstantWithABodyArrives(String label, Case c) throws Exception {
        String outcome = roundTrip(c.task(), c.value());
        System.out.println("PROBE " + label + ": " + outcome);
        assertEquals("same", outcome);
    }

    /**
     * docs/jms-format.md: a char is "a JSON string of exactly one UTF-16 character" (a lone surrogate is one); a String
     * is any JSON string. Both arrive exactly, or are refused at the flush.
     */
    @Test
    void unpairedSurrogatesArriveExactlyOrAreRefused() throws Exception {
        List<String> outcomes = List.of(roundTrip(Types::pChar, '\uD83D'), roundTrip(Types::string, "x\uD800y"), roundTrip(Types::string, "\uDE00"));
        System.out.println("PROBE unpaired surrogates: " + outcomes);
        assertTrue(outcomes.stream().allMatch(o -> o.equals("same") || (o.startsWith("refused: ") && !o.contains("BUT LEFT"))), outcomes.toString());
    }

    /** docs/jms-format.md: a float -0.0 is refused at the flush (JSON-B reads it back as 0.0); a double -0.0 arrives as -0.0. */
    @Test
    void aFloatMinusZeroIsRefusedAndADoubleMinusZeroArrives() throws Exception {
        assertTrue(roundTrip(Types::pFloat, -0.0f).startsWith("refused: "));
        assertTrue(roundTrip(Types::bFloat, -0.0f).startsWith("refused: "));
        assertEquals("same", roundTrip(Types::pDouble, -0.0d));
    }

    /**
     * docs/jms-format.md, exact argument values: an {@code Object} parameter takes "what JSON-B reads (for Object:
     * numbers as BigDecimal, exactly)": a String, a Boolean, a BigDecimal read back as themselves.
     */
    @Test
    void anObjectParameterTakesWhatJsonbReads() throws Exception {
        assertEquals("same", roundTrip(Types::object, "text"));
        assertEquals("same", roundTrip(Types::object, Boolean.TRUE));
        assertEquals("same", roundTrip(Types::object, new BigDecimal("19.90")));
    }

    /**
     * A value of a Java platform type that JSON-B writes but cannot read back (an {@code Instant} beyond the years its
     * text form covers) is refused at the flush with what the application can do, not with advice for its own classes.
     */
    @Test
    void aPlatformValueJsonbCannotReadBackIsRefusedSayingWhatToDo() throws Exception {
        for (Instant edge : List.of(Instant.MIN, Instant.MAX)) {
            String outcome = roundTrip(Types::instant, edge);
            assertTrue(outcome.startsWith("refused: ") && !outcome.contains("BUT LEFT"), outcome);
            assertTrue(outcome.contains("convert it in the task"), outcome);
            assertFalse(outcome.contains("no-argument constructor"), outcome);
        }
    }

    /**
     * A parameter declared {@code Map} or {@code Set} arrives with its entries in the order the sender's map or set
     * iterated them (an insertion-ordered one, a sorted one, a hashed one): JSON carries that order, and the task gets
     * an insertion-ordered {@code LinkedHashMap} or {@code LinkedHashSet}, not a {@code HashMap} that reorders them.
     */
    @Test
    void aMapOrSetArrivesInTheOrderItWasSent() throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261206);
        List<Map<String, Integer>> maps = new ArrayList<>();
        List<Set<Integer>> sets = new ArrayList<>();
        for (int size : new int[] {2, 3, 17, 100}) {
            LinkedHashMap<String, Integer> inserted = new LinkedHashMap<>();
            java.util.LinkedHashSet<Integer> insertedSet = new java.util.LinkedHashSet<>();
            for (int i = 0; i < size; i++) {
                inserted.put("k" + random.nextInt(1_000_000), i);
                insertedSet.add(random.nextInt());
            }
            maps.add(inserted);
            maps.add(new java.util.TreeMap<>(inserted));
            maps.add(new java.util.HashMap<>(inserted));
            sets.add(insertedSet);
            sets.add(new java.util.TreeSet<>(insertedSet));
        }
        LinkedHashMap<Long, String> byLong = new LinkedHashMap<>();
        for (long key : new long[] {Long.MAX_VALUE, 3, -1, 0, Long.MIN_VALUE, 42}) {
            byLong.put(key, "v" + key);
        }
        for (Map<String, Integer> map : maps) {
            assertEquals("same", roundTrip(Types::byName, map), map.getClass() + " " + map);
            assertEquals(LinkedHashMap.class, types.got().get(0).getClass());
        }
        for (Set<Integer> set : sets) {
            assertEquals("same", roundTrip(Types::ints, set), set.getClass() + " " + set);
            assertEquals(java.util.LinkedHashSet.class, types.got().get(0).getClass());
        }
        assertEquals("same", roundTrip(Types::byLong, byLong));
    }

    static Stream<Arguments> enumsWithBodies() {
        return Stream.of(arrives("enum constant with a body", Types::parity, Parity.ODD));
    }
}
