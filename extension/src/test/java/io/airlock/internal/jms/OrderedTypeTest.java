package io.airlock.internal.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The type JSON-B reads a {@code Map} or {@code Set} parameter as ({@link IntentCodec#ordered}) is a value: made
 * again for every argument read, it must equal the last one and the JDK's own type of the same declaration, with
 * the same hash, or JSON-B's caches keyed by type gain an entry per argument read, without bound (they did: about
 * 550 B and 15 µs per read of a {@code Map} argument).
 */
class OrderedTypeTest {

    @SuppressWarnings("unused")
    static void declared(Map<String, Integer> map, Set<List<Long>> set, LinkedHashMap<String, Integer> linkedMap,
            LinkedHashSet<List<Long>> linkedSet, Map<Long, Integer> otherMap, TreeMap<String, Integer> sorted, Map<?, ?> wild,
            Map<String, Integer> rawlessDeclared) {
    }

    private static final Method DECLARED;

    static {
        try {
            DECLARED = OrderedTypeTest.class.getDeclaredMethod("declared", Map.class, Set.class, LinkedHashMap.class, LinkedHashSet.class,
                    Map.class, TreeMap.class, Map.class, Map.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Type parameter(int i) {
        return DECLARED.getGenericParameterTypes()[i];
    }

    private static Type ordered(int i) {
        return IntentCodec.ordered(IntentCodec.carrierType(parameter(i), DECLARED.getParameterTypes()[i]), DECLARED.getParameterTypes()[i]);
    }

    @Test
    void aMapOrSetParameterIsReadAsItsInsertionOrderedClassAndTheTypeIsAValue() {
        int[][] orderedAndItsJdkTwin = {{0, 2}, {1, 3}};
        for (int[] pair : orderedAndItsJdkTwin) {
            Type first = ordered(pair[0]);
            Type again = ordered(pair[0]);
            Type jdk = parameter(pair[1]);
            assertEquals(((ParameterizedType) jdk).getRawType(), ((ParameterizedType) first).getRawType());
            assertEquals(first, again, "made again for the next argument, the same type");
            assertEquals(first.hashCode(), again.hashCode());
            assertEquals(jdk, first, "the JDK's own " + jdk.getTypeName());
            assertEquals(first, jdk, "both ways");
            assertEquals(jdk.hashCode(), first.hashCode(), "with the JDK's hash");
            assertEquals(jdk.getTypeName(), first.getTypeName());
        }
        assertEquals(ordered(0), ordered(7), "two parameters of one declared type");
        assertNotEquals(ordered(0), ordered(4), "other type arguments");
        assertNotEquals(ordered(0), parameter(0), "Map<String, Integer> itself is another type");
    }

    @Test
    void otherParametersAreReadAsDeclared() {
        assertSame(parameter(2), ordered(2), "a LinkedHashMap parameter");
        assertSame(parameter(5), ordered(5), "a TreeMap parameter");
        assertEquals(LinkedHashMap.class, ordered(6), "Map<?, ?>: its raw class, ordered");
    }
}
