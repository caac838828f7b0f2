package io.airlock.internal.jms;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.TaskMethod;
import io.airlock.UndeliverableIntentException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An argument is encoded only if it reads back as the same value, at every depth: array elements, JavaBean
 * properties (of a class without {@code equals}) and values declared {@code Object} or {@code Number} included.
 * Every value that would arrive as something else (another class, another value) is refused when the intent is
 * encoded, naming what it would arrive as; custom dispatch options arrive as they were set.
 */
class SameValueTest {

    public enum Colour { RED }

    public record Point(int x, int y) {
    }

    /** A record whose default equals compares its array by reference. */
    public record Blob(String name, byte[] data, float weight) {
    }

    /** A JavaBean without equals. */
    public static class Reading {
        private float value;
        private Object note;

        public float getValue() {
            return value;
        }

        public void setValue(float value) {
            this.value = value;
        }

        public Object getNote() {
            return note;
        }

        public void setNote(Object note) {
            this.note = note;
        }

        static Reading of(float value, Object note) {
            Reading r = new Reading();
            r.value = value;
            r.note = note;
            return r;
        }
    }

    public static class Tasks {
        public void objects(Object[] values) {
        }

        public void numbers(Number[] values) {
        }

        public void floats(float[] values) {
        }

        public void boxedFloats(Float[] values) {
        }

        public void floatGrid(float[][] values) {
        }

        public void doubles(double[] values) {
        }

        public void longs(long[] values) {
        }

        public void strings(String[] values) {
        }

        public void reading(Reading reading) {
        }

        public void readings(Reading[] readings) {
        }

        public void listOfObjects(List<Object> values) {
        }

        public void point(Point point) {
        }

        public void blob(Blob blob) {
        }

        public void blobs(List<Blob> blobs) {
        }

        public void listOfArrays(List<int[]> values) {
        }

        public void mapOfArrays(Map<String, long[]> values) {
        }

        public void optionalArray(java.util.Optional<double[]> value) {
        }
    }

    private static String encode(String method, Class<?> parameter, Object value) {
        TaskMethod task = new TaskMethod(Tasks.class, Tasks.class, method, List.of(parameter));
        return IntentCodec.encode(Intent.builder(task, Arrays.asList(value)).build());
    }

    private static void refused(String method, Class<?> parameter, Object value) {
        UndeliverableIntentException e = assertThrows(UndeliverableIntentException.class, () -> encode(method, parameter, value),
                () -> method + " accepted " + IntentCodec.sameValue(value, value, 0));
        assertTrue(e.getMessage().contains("does not round-trip through JSON: it would arrive as"), e.getMessage());
    }

    private static void accepted(String method, Class<?> parameter, Object value) {
        assertDoesNotThrow(() -> encode(method, parameter, value), method);
    }

    @Test
    void everyNumberInAnObjectOrNumberArrayThatIsNotABigDecimalIsRefused() {
        List<Object> numbers = List.of(42, 42L, (short) 42, (byte) 42, 1.5d, 1.5f, 2.0d, BigInteger.TEN, Integer.MIN_VALUE, Long.MAX_VALUE,
                Double.MIN_VALUE, Float.MAX_VALUE);
        for (Object n : numbers) {
            refused("objects", Object[].class, new Object[] {n});
            refused("numbers", Number[].class, new Number[] {(Number) n});
            refused("objects", Object[].class, new Object[] {"fine", true, n}); // the bad element after good ones
            refused("listOfObjects", List.class, List.of(n));
        }
        accepted("objects", Object[].class, new Object[] {new BigDecimal("42"), new BigDecimal("-1.50"), "text", true, null});
        accepted("numbers", Number[].class, new Number[] {new BigDecimal("1E+3"), null});
    }

    @Test
    void aCharAnEnumOrARecordDeclaredObjectIsRefused() {
        for (Object value : List.of('c', Colour.RED, new Point(1, 2), List.of(1L), Map.of("k", 1L))) {
            refused("objects", Object[].class, new Object[] {value});
        }
    }

    @Test
    void aFloatMinusZeroAtAnyDepthIsRefusedAndOtherFloatsArrive() {
        refused("floats", float[].class, new float[] {1f, -0.0f});
        refused("boxedFloats", Float[].class, new Float[] {-0.0f});
        refused("floatGrid", float[][].class, new float[][] {{1f}, {-0.0f}});
        refused("reading", Reading.class, Reading.of(-0.0f, "n"));
        refused("readings", Reading[].class, new Reading[] {Reading.of(1f, null), Reading.of(-0.0f, null)});
        accepted("floats", float[].class, new float[] {0f, 1.5f, -1f, Float.MIN_VALUE, Float.MAX_VALUE, 16777217f});
        accepted("boxedFloats", Float[].class, new Float[] {1.25f, null});
        accepted("floatGrid", float[][].class, new float[][] {{1f}, {}, {2.5f, 3f}});
        accepted("doubles", double[].class, new double[] {-0.0d, 0.1d, Double.MAX_VALUE});
        accepted("longs", long[].class, new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE});
        accepted("strings", String[].class, new String[] {"a", null, ""});
    }

    @Test
    void aBeanWithoutEqualsIsComparedPropertyByProperty() {
        for (Object note : List.of(42, 42L, 1.5d, Colour.RED, new Point(1, 2), 'c')) {
            refused("reading", Reading.class, Reading.of(1f, note));
        }
        accepted("reading", Reading.class, Reading.of(2.5f, "note"));
        accepted("reading", Reading.class, Reading.of(2.5f, new BigDecimal("7")));
        accepted("reading", Reading.class, Reading.of(2.5f, null));
        accepted("readings", Reading[].class, new Reading[] {Reading.of(1f, "a"), null});
        accepted("point", Point.class, new Point(-1, Integer.MAX_VALUE));
    }

    @Test
    void sameValueComparesArraysElementByElementAndClassByClass() {
        assertTrue(IntentCodec.sameValue(new int[] {1, 2}, new int[] {1, 2}, 0));
        assertTrue(!IntentCodec.sameValue(new int[] {1, 2}, new long[] {1, 2}, 0));
        assertTrue(!IntentCodec.sameValue(new int[] {1, 2}, new int[] {1}, 0));
        assertTrue(!IntentCodec.sameValue(new Object[] {1}, new Object[] {1L}, 0));
        assertTrue(IntentCodec.sameValue(new Object[] {null, "x"}, new Object[] {null, "x"}, 0));
        assertTrue(!IntentCodec.sameValue(new double[] {-0.0}, new double[] {0.0}, 0));
        assertTrue(IntentCodec.sameValue(new double[] {Double.NaN}, new double[] {Double.NaN}, 0));
        assertTrue(IntentCodec.sameValue(List.of(1L), new ArrayList<>(List.of(1L)), 0), "a type with equals: equal is enough");
    }

    /**
     * Inside a record, a list, a map or an optional, an array is compared element by element as well: a record's,
     * a list's or a map's own equals compares arrays by reference, which would refuse every array after a round trip.
     */
    @Test
    void arraysInsideRecordsCollectionsAndOptionalsAreComparedByTheirElements() {
        accepted("blob", Blob.class, new Blob("b", new byte[] {1, -128, 127}, 2.5f));
        accepted("blob", Blob.class, new Blob("empty", new byte[0], 0f));
        accepted("blob", Blob.class, new Blob(null, null, 1f));
        accepted("blobs", List.class, List.of(new Blob("a", new byte[] {1}, 1f), new Blob("b", new byte[] {2}, 2f)));
        accepted("listOfArrays", List.class, List.of(new int[] {1, 2}, new int[0]));
        accepted("mapOfArrays", Map.class, Map.of("a", new long[] {Long.MIN_VALUE}, "b", new long[0]));
        accepted("optionalArray", java.util.Optional.class, java.util.Optional.of(new double[] {-0.0d, 1.5d}));
        refused("blob", Blob.class, new Blob("b", new byte[] {1}, -0.0f));
        refused("blobs", List.class, List.of(new Blob("a", new byte[] {1}, 1f), new Blob("b", new byte[] {2}, -0.0f)));
    }

    @Test
    void sameValueWalksRecordsListsMapsAndOptionals() {
        assertTrue(IntentCodec.sameValue(new Blob("b", new byte[] {1}, 1f), new Blob("b", new byte[] {1}, 1f), 0));
        assertTrue(!IntentCodec.sameValue(new Blob("b", new byte[] {1}, 1f), new Blob("b", new byte[] {2}, 1f), 0));
        assertTrue(!IntentCodec.sameValue(new Blob("b", new byte[] {1}, 0f), new Blob("b", new byte[] {1}, -0.0f), 0));
        assertTrue(IntentCodec.sameValue(List.of(new int[] {1}), new ArrayList<>(List.<int[]>of(new int[] {1})), 0));
        assertTrue(!IntentCodec.sameValue(List.of(new int[] {1}), List.of(new int[] {1}, new int[0]), 0));
        assertTrue(!IntentCodec.sameValue(List.of(new Object[] {1}), List.of(new Object[] {1L}), 0));
        assertTrue(IntentCodec.sameValue(Map.of("k", new long[] {3}), new java.util.HashMap<>(Map.of("k", new long[] {3})), 0));
        assertTrue(!IntentCodec.sameValue(Map.of("k", new long[] {3}), Map.of("j", new long[] {3}), 0));
        assertTrue(!IntentCodec.sameValue(Map.of("k", new long[] {3}), Map.of("k", new long[] {4}), 0));
        assertTrue(IntentCodec.sameValue(java.util.Optional.of(new int[] {1}), java.util.Optional.of(new int[] {1}), 0));
        assertTrue(!IntentCodec.sameValue(java.util.Optional.of(new int[] {1}), java.util.Optional.empty(), 0));
        assertTrue(!IntentCodec.sameValue(List.of(1L), java.util.Set.of(1L), 0), "a list never equals a set");
        assertTrue(IntentCodec.sameValue(java.util.Set.of(1L, 2L), new java.util.TreeSet<>(List.of(2L, 1L)), 0), "sets: equal is enough");
    }

    /** Every kind of number a custom option can be set to arrives as what the options hold in memory, so a retry sees what the first attempt saw. */
    @Test
    void customOptionsReadBackAsTheyWereSet() throws Exception {
        List<Object> values = List.of(42, 42L, (short) -7, (byte) 1, Long.MIN_VALUE, Long.MAX_VALUE, BigInteger.TWO.pow(70), BigInteger.ONE,
                0.1f, 0.1d, 2.0d, -0.0d, 1e300, Float.MIN_VALUE, new BigDecimal("1E+3"), new BigDecimal("12.50"), new BigDecimal("7"),
                true, "text");
        TaskMethod task = new TaskMethod(Tasks.class, Tasks.class, "longs", List.of(long[].class));
        for (Object value : values) {
            DispatchOptions options = DispatchOptions.builder().set("custom", value).build();
            String body = IntentCodec.encode(Intent.builder(task, List.of(new long[0])).options(options).build());
            JsonObject root = IntentCodec.json().createReader(new StringReader(body)).readObject();
            DispatchOptions back = IntentCodec.decodeOptions(root);
            assertEquals(options.asMap(), back.asMap(), () -> value + " (" + value.getClass().getSimpleName() + ") as " + body);
            assertEquals(options.get("custom").orElseThrow().getClass(), back.get("custom").orElseThrow().getClass(), value::toString);
        }
    }
}
