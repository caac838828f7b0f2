package io.airlock.internal.jms;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A set's elements and a map's keys must stay distinct once read as their declared type: two JSON values that become
 * one value ({@code 0} and {@code -0} as an {@code int}, two texts of one {@code double}, one record written with its
 * properties in two orders) would make the argument arrive with fewer elements than the message carries, so the
 * message is rejected. Values distinct as the type has them ({@code 0.0} and {@code -0.0} as a {@code double}, {@code 1.0}
 * and {@code 1.00} in a set that compares with {@code equals}) are kept, and a list keeps its duplicates.
 */
class DistinctElementsTest {

    public record Quantity(int units, long sku) {
    }

    /** The declared types, as fields: their generic types are what a task's parameters declare. */
    static class Declared {
        Set<Integer> integers;
        Set<Long> longs;
        Set<Short> shorts;
        Set<Byte> bytes;
        Set<BigInteger> bigIntegers;
        Set<Double> doubles;
        Set<Float> floats;
        Set<BigDecimal> decimals;
        SortedSet<BigDecimal> sortedDecimals;
        TreeSet<BigDecimal> treeDecimals;
        Set<String> strings;
        Set<Character> characters;
        Set<Boolean> booleans;
        Set<Quantity> quantities;
        List<Integer> list;
        List<Set<Integer>> listOfSets;
        Map<Long, String> byLong;
        Map<BigDecimal, String> byDecimal;
        SortedMap<BigDecimal, String> sortedByDecimal;
        Map<Quantity, String> byQuantity;
    }

    static Type type(String field) {
        try {
            return Declared.class.getDeclaredField(field).getGenericType();
        } catch (NoSuchFieldException e) {
            throw new IllegalArgumentException(field, e);
        }
    }

    static Stream<Arguments> collapsing() {
        return Stream.of(
                Arguments.of("integers", "[1, 1]", "[1]"),
                Arguments.of("integers", "[1, 0, -0]", "[2]"),
                Arguments.of("integers", "[null, 3, null]", "[2]"),
                Arguments.of("longs", "[-0, 5, 0]", "[2]"),
                Arguments.of("shorts", "[7, 7]", "[1]"),
                Arguments.of("bytes", "[-0, 0]", "[1]"),
                Arguments.of("bigIntegers", "[12345678901234567890123, -0, 12345678901234567890123]", "[2]"),
                Arguments.of("doubles", "[0.1, 0.1000000000000000055511151231257827]", "[1]"),
                Arguments.of("doubles", "[1, 1.0]", "[1]"),
                Arguments.of("floats", "[16777216, 16777217]", "[1]"),
                Arguments.of("sortedDecimals", "[1.0, 1.00]", "[1]"),
                Arguments.of("treeDecimals", "[2, 2.000]", "[1]"),
                Arguments.of("strings", "[\"a\", \"b\", \"a\"]", "[2]"),
                Arguments.of("characters", "[\"x\", \"x\"]", "[1]"),
                Arguments.of("booleans", "[true, false, true]", "[2]"),
                Arguments.of("quantities", "[{\"units\": 1, \"sku\": 2}, {\"sku\": 2, \"units\": 1}]", "[1]"),
                Arguments.of("listOfSets", "[[1], [2, 2]]", "[1][1]"),
                Arguments.of("byLong", "{\"0\": \"a\", \"-0\": \"b\"}", "[\"-0\"]"),
                Arguments.of("byLong", "[{\"key\": 7, \"value\": \"a\"}, {\"key\": 7, \"value\": \"b\"}]", "[1].key"),
                Arguments.of("sortedByDecimal", "{\"1.0\": \"a\", \"1.00\": \"b\"}", "[\"1.00\"]"),
                Arguments.of("byQuantity", "[{\"key\": {\"units\": 1, \"sku\": 2}, \"value\": \"a\"}, {\"key\": {\"sku\": 2, \"units\": 1}, \"value\": \"b\"}]",
                        "[1].key"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("collapsing")
    void valuesThatBecomeOneAreRejectedWhereTheSecondIs(String field, String json, String where) {
        ExactJson.Inexact e = assertThrows(ExactJson.Inexact.class, () -> ExactJson.check(WrittenJson.read(json), type(field)));
        String described = e.describe("args[0]");
        assertTrue(described.startsWith("args[0]" + where) && described.contains("has already"), described);
    }

    static Stream<Arguments> distinct() {
        return Stream.of(
                Arguments.of("integers", "[0, -1, 1]"),
                Arguments.of("doubles", "[0.0, -0.0]"),
                Arguments.of("decimals", "[1.0, 1.00]"),
                Arguments.of("strings", "[\"a\", \"A\"]"),
                Arguments.of("quantities", "[{\"units\": 1, \"sku\": 2}, {\"units\": 2, \"sku\": 1}]"),
                Arguments.of("list", "[1, 1, 1]"),
                Arguments.of("byLong", "{\"1\": \"a\", \"-1\": \"b\"}"),
                Arguments.of("byDecimal", "{\"1.0\": \"a\", \"1.00\": \"b\"}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("distinct")
    void valuesThatStayDistinctAreKept(String field, String json) {
        assertDoesNotThrow(() -> ExactJson.check(WrittenJson.read(json), type(field)));
    }
}
