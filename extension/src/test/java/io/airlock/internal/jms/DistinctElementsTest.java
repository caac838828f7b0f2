package io.airlock.internal.jms;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
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
        Set<Instant> instants;
        Set<OffsetDateTime> offsetDateTimes;
        Set<LocalTime> localTimes;
        Set<Duration> durations;
        Set<Period> periods;
        Set<ZoneId> zones;
        Set<UUID> uuids;
        Set<URI> uris;
        Set<Stamped> stamped;
        Set<Set<Integer>> setsOfSets;
        Set<List<Instant>> listsOfInstants;
        SortedSet<Ranked> ranked;
        Set<Ranked> rankedByEquals;
        Map<UUID, String> byUuid;
        Map<Instant, String> byInstant;
        SortedMap<Ranked, String> sortedByRanked;
    }

    public record Stamped(String what, Instant at) {
    }

    /** Ordered by its rank alone: two with one rank are one in a sorted set, two in a set that compares with equals. */
    public record Ranked(int rank, String name) implements Comparable<Ranked> {
        @Override
        public int compareTo(Ranked other) {
            return Integer.compare(rank, other.rank);
        }
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
                        "[1].key"),
                Arguments.of("instants", "[\"2020-01-01T00:00:00Z\", \"2020-01-01T00:00:00.0Z\"]", "[1]"),
                Arguments.of("instants", "[\"2020-01-01T00:00:00Z\", \"2020-01-01T00:00:00.000000Z\"]", "[1]"),
                Arguments.of("offsetDateTimes", "[\"2020-01-01T10:00:00+01:00\", \"2020-01-01T10:00+01:00\"]", "[1]"),
                Arguments.of("localTimes", "[\"10:00\", \"10:00:00\"]", "[1]"),
                Arguments.of("durations", "[\"PT1M\", \"PT60S\"]", "[1]"),
                Arguments.of("periods", "[\"P7D\", \"P1W\"]", "[1]"),
                Arguments.of("zones", "[\"Z\", \"+00:00\"]", "[1]"),
                Arguments.of("uuids", "[\"0f8fad5b-d9cb-469f-a165-70867728950e\", \"0F8FAD5B-D9CB-469F-A165-70867728950E\"]", "[1]"),
                Arguments.of("uris", "[\"http://example.com/a\", \"HTTP://EXAMPLE.COM/a\"]", "[1]"),
                Arguments.of("stamped", "[{\"what\": \"x\", \"at\": \"2020-01-01T00:00:00Z\"}, {\"what\": \"x\", \"at\": \"2020-01-01T00:00:00.000Z\"}]", "[1]"),
                Arguments.of("setsOfSets", "[[1, 2], [2, 1]]", "[1]"),
                Arguments.of("listsOfInstants", "[[\"2020-01-01T00:00:00Z\"], [\"2020-01-01T00:00:00.00Z\"]]", "[1]"),
                Arguments.of("ranked", "[{\"rank\": 1, \"name\": \"a\"}, {\"rank\": 1, \"name\": \"b\"}]", "[1]"),
                Arguments.of("byUuid", "{\"0f8fad5b-d9cb-469f-a165-70867728950e\": \"a\", \"0F8FAD5B-D9CB-469F-A165-70867728950E\": \"b\"}",
                        "[\"0F8FAD5B-D9CB-469F-A165-70867728950E\"]"),
                Arguments.of("byInstant", "[{\"key\": \"2020-01-01T00:00:00Z\", \"value\": \"a\"}, {\"key\": \"2020-01-01T00:00:00.000Z\", \"value\": \"b\"}]",
                        "[1].key"),
                Arguments.of("sortedByRanked", "[{\"key\": {\"rank\": 1, \"name\": \"a\"}, \"value\": \"a\"}, {\"key\": {\"rank\": 1, \"name\": \"b\"}, \"value\": \"b\"}]",
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
                Arguments.of("byDecimal", "{\"1.0\": \"a\", \"1.00\": \"b\"}"),
                Arguments.of("instants", "[\"2020-01-01T00:00:00Z\", \"2020-01-01T00:00:01Z\"]"),
                Arguments.of("offsetDateTimes", "[\"2020-01-01T10:00:00+01:00\", \"2020-01-01T09:00:00Z\"]"),
                Arguments.of("uuids", "[\"0f8fad5b-d9cb-469f-a165-70867728950e\", \"0f8fad5b-d9cb-469f-a165-70867728950f\"]"),
                Arguments.of("uris", "[\"http://example.com/a\", \"http://example.com/A\"]"),
                Arguments.of("setsOfSets", "[[1, 2], [1]]"),
                Arguments.of("rankedByEquals", "[{\"rank\": 1, \"name\": \"a\"}, {\"rank\": 1, \"name\": \"b\"}]"),
                Arguments.of("byUuid", "{\"0f8fad5b-d9cb-469f-a165-70867728950e\": \"a\", \"0f8fad5b-d9cb-469f-a165-70867728950f\": \"b\"}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("distinct")
    void valuesThatStayDistinctAreKept(String field, String json) {
        assertDoesNotThrow(() -> ExactJson.check(WrittenJson.read(json), type(field)));
    }
}
