package io.airlock.internal.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The codec writes and reads the plain argument types (String, boolean, byte, short, int, long and their
 * boxes) without JSON-B: for each, over boundary values and random ones, the JSON it writes is the JSON
 * JSON-B writes, and the value it reads back is the value JSON-B reads. Every other type, and a plain value
 * declared as another type, takes JSON-B's path.
 */
class PlainArgumentsTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(20261204);

    @Test
    void stringsAreWrittenAndReadAsJsonBDoes() {
        List<String> strings = new ArrayList<>(List.of("", " ", "a", "\"", "\\", "/", "\\\"", "\u0000", "\u001f", "\u007f", "\u2028\u2029",
                "é", "日本語", "😀", "\ud83d", "\ude00", "line\nbreak\ttab\rreturn\bback\fform", "{\"json\": [1, 2]}", "null", "42", "true"));
        for (int c = 0; c < 0x3000; c++) {
            strings.add(String.valueOf((char) c));
        }
        for (int i = 0; i < 2_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = RANDOM.nextInt(40);
            for (int j = 0; j < length; j++) {
                s.append((char) RANDOM.nextInt(0x10000));
            }
            strings.add(s.toString());
        }
        for (String s : strings) {
            assertSameAsJsonB(s, String.class);
        }
    }

    @Test
    void wholeNumbersAreWrittenAndReadAsJsonBDoes() {
        List<Long> longs = new ArrayList<>(List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1,
                (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE + 1, (long) Integer.MIN_VALUE - 1));
        for (int i = 0; i < 2_000; i++) {
            longs.add(RANDOM.nextLong() >> RANDOM.nextInt(64));
        }
        for (long v : longs) {
            assertSameAsJsonB(v, Long.class);
            assertSameAsJsonB(v, long.class);
            if (v == (int) v) {
                assertSameAsJsonB((int) v, Integer.class);
                assertSameAsJsonB((int) v, int.class);
            }
            if (v == (short) v) {
                assertSameAsJsonB((short) v, Short.class);
                assertSameAsJsonB((short) v, short.class);
            }
            if (v == (byte) v) {
                assertSameAsJsonB((byte) v, Byte.class);
                assertSameAsJsonB((byte) v, byte.class);
            }
        }
        for (int b = Byte.MIN_VALUE; b <= Byte.MAX_VALUE; b++) {
            assertSameAsJsonB((byte) b, byte.class);
        }
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s += 7) {
            assertSameAsJsonB((short) s, Short.class);
        }
    }

    @Test
    void booleansAreWrittenAndReadAsJsonBDoes() {
        for (Class<?> type : List.of(Boolean.class, boolean.class)) {
            assertSameAsJsonB(true, type);
            assertSameAsJsonB(false, type);
        }
    }

    @Test
    void otherTypesAndPlainValuesDeclaredOtherwiseTakeJsonBsPath() {
        Object[][] notPlain = {
                {1.5d, Double.class}, {1.5f, float.class}, {'x', char.class}, {new BigDecimal("1.50"), BigDecimal.class},
                {BigInteger.TEN, BigInteger.class}, {Instant.EPOCH, Instant.class}, {UUID.randomUUID(), UUID.class},
                {Thread.State.NEW, Thread.State.class}, {List.of(1L), List.class},
                // a plain value declared as a wider type: JSON-B decides how it is written
                {"text", Object.class}, {"text", CharSequence.class}, {42L, Number.class}, {42, Long.class}, {42L, Integer.class},
                {(short) 4, int.class}, {true, Object.class}, {7, Object.class}};
        for (Object[] c : notPlain) {
            assertNull(IntentCodec.plainValue(c[0], (Class<?>) c[1]), c[0] + " declared " + c[1]);
        }
        for (Class<?> type : List.of(double.class, Double.class, char.class, BigDecimal.class, BigInteger.class, Instant.class, Object.class,
                Number.class, CharSequence.class)) {
            assertNull(IntentCodec.plainArgument(JsonValue.TRUE, type), "read of " + type);
        }
    }

    private static void assertSameAsJsonB(Object value, Class<?> declared) {
        Class<?> type = IntentCodec.box(declared);
        String byJsonB = IntentCodec.jsonb().toJson(value, type);
        JsonValue plain = IntentCodec.plainValue(value, declared);
        assertNotNull(plain, value + " declared " + declared);
        String written = plain.toString();
        assertEquals(WrittenJson.read(byJsonB).toString(), written, "written form of " + value + " declared " + declared);
        JsonValue read = WrittenJson.read(written);
        try {
            ExactJson.check(read, declared);
        } catch (ExactJson.Inexact e) {
            throw new AssertionError(value + " declared " + declared + " is inexact: " + e.describe("arg"));
        }
        Object back = IntentCodec.plainArgument(read, declared);
        assertEquals(IntentCodec.jsonb().fromJson(written, type), back, "read of " + written + " declared " + declared);
        assertEquals(value, back);
        assertEquals(type, back.getClass());
    }
}
