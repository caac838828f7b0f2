package io.airlock.internal.jms;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Intent;
import io.airlock.TaskMethod;
import io.airlock.UndeliverableIntentException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A sorted map or set, or a priority queue, ordered by a comparator of its own travels as its elements only: it would
 * arrive ordered naturally (a reversed order turned round, a case-insensitive look-up made case-sensitive). Such an
 * argument is refused at enqueue, wherever it is declared and however deep it sits; the naturally ordered ones travel.
 */
class SortedArgumentsTest {

    /** The declared types an ordered collection can be passed as. */
    public static class Catalogue {
        public void treeMap(TreeMap<String, Integer> value) {
        }

        public void sortedMap(SortedMap<String, Integer> value) {
        }

        public void navigableMap(NavigableMap<String, Integer> value) {
        }

        public void map(Map<String, Integer> value) {
        }

        public void skipListMap(ConcurrentSkipListMap<String, Integer> value) {
        }

        public void treeSet(TreeSet<String> value) {
        }

        public void sortedSet(SortedSet<String> value) {
        }

        public void navigableSet(NavigableSet<String> value) {
        }

        public void set(Set<String> value) {
        }

        public void collection(Collection<String> value) {
        }

        public void skipListSet(ConcurrentSkipListSet<String> value) {
        }

        public void priorityQueue(PriorityQueue<String> value) {
        }

        public void blockingQueue(PriorityBlockingQueue<String> value) {
        }

        public void queue(Queue<String> value) {
        }

        public void listOfSets(List<TreeSet<String>> value) {
        }

        public void mapOfMaps(Map<String, SortedMap<String, Integer>> value) {
        }

        public void object(Object value) {
        }
    }

    static TreeMap<String, Integer> reversedMap() {
        TreeMap<String, Integer> map = new TreeMap<>(Comparator.reverseOrder());
        map.put("a", 1);
        map.put("b", 2);
        return map;
    }

    static TreeSet<String> caseInsensitiveSet() {
        TreeSet<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of("b", "A"));
        return set;
    }

    static Stream<Arguments> withComparators() {
        ConcurrentSkipListMap<String, Integer> skipMap = new ConcurrentSkipListMap<>(Comparator.reverseOrder());
        skipMap.putAll(Map.of("a", 1, "b", 2));
        ConcurrentSkipListSet<String> skipSet = new ConcurrentSkipListSet<>(Comparator.reverseOrder());
        skipSet.addAll(List.of("a", "b"));
        PriorityQueue<String> queue = new PriorityQueue<>(Comparator.reverseOrder());
        queue.addAll(List.of("a", "b"));
        PriorityBlockingQueue<String> blocking = new PriorityBlockingQueue<>(2, Comparator.reverseOrder());
        blocking.addAll(List.of("a", "b"));
        return Stream.of(
                Arguments.of("treeMap", reversedMap()),
                Arguments.of("sortedMap", reversedMap()),
                Arguments.of("navigableMap", reversedMap()),
                Arguments.of("map", reversedMap()),
                Arguments.of("object", reversedMap()),
                Arguments.of("skipListMap", skipMap),
                Arguments.of("sortedMap", skipMap),
                Arguments.of("treeSet", caseInsensitiveSet()),
                Arguments.of("sortedSet", caseInsensitiveSet()),
                Arguments.of("navigableSet", caseInsensitiveSet()),
                Arguments.of("set", caseInsensitiveSet()),
                Arguments.of("collection", caseInsensitiveSet()),
                Arguments.of("object", caseInsensitiveSet()),
                Arguments.of("skipListSet", skipSet),
                Arguments.of("priorityQueue", queue),
                Arguments.of("queue", queue),
                Arguments.of("collection", queue),
                Arguments.of("blockingQueue", blocking),
                Arguments.of("listOfSets", List.of(new TreeSet<>(List.of("x")), caseInsensitiveSet())),
                Arguments.of("mapOfMaps", Map.of("inner", reversedMap())));
    }

    @ParameterizedTest(name = "{1} as {0}")
    @MethodSource("withComparators")
    void anOrderOfItsOwnIsRefusedAtEnqueue(String declared, Object value) {
        UndeliverableIntentException refused = assertThrows(UndeliverableIntentException.class, () -> IntentCodec.encode(intent(declared, value)));
        assertTrue(refused.getMessage().contains("does not round-trip"), refused.getMessage());
    }

    static Stream<Arguments> naturallyOrdered() {
        return Stream.of(
                Arguments.of("treeMap", new TreeMap<>(Map.of("b", 2, "a", 1))),
                Arguments.of("sortedMap", new TreeMap<>(Map.of("b", 2, "a", 1))),
                Arguments.of("navigableMap", new TreeMap<>(Map.of("b", 2, "a", 1))),
                Arguments.of("map", new TreeMap<>(Map.of("b", 2, "a", 1))),
                Arguments.of("treeSet", new TreeSet<>(List.of("b", "a"))),
                Arguments.of("sortedSet", new TreeSet<>(List.of("b", "a"))),
                Arguments.of("set", new TreeSet<>(List.of("b", "a"))),
                Arguments.of("listOfSets", List.of(new TreeSet<>(List.of("y", "x")))),
                Arguments.of("mapOfMaps", Map.of("inner", new TreeMap<>(Map.of("b", 2, "a", 1)))));
    }

    @ParameterizedTest(name = "{1} as {0}")
    @MethodSource("naturallyOrdered")
    void aNaturalOrderTravels(String declared, Object value) {
        assertDoesNotThrow(() -> IntentCodec.encode(intent(declared, value)));
    }

    private static Intent intent(String method, Object value) throws NoSuchMethodException {
        Class<?> parameter = java.util.Arrays.stream(Catalogue.class.getMethods()).filter(m -> m.getName().equals(method)).findFirst()
                .orElseThrow().getParameterTypes()[0];
        return Intent.builder(new TaskMethod(Catalogue.class, Catalogue.class, method, List.of(parameter)), List.of(value)).build();
    }
}
