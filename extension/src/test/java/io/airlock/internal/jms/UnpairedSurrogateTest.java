package io.airlock.internal.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A durable intent's text is stored as UTF-8, which has no form for a UTF-16 surrogate that is not half of a pair:
 * {@link IntentCodec#unpairedSurrogateIn} finds one wherever an argument can hold text (a String, a char, a char
 * array, an element, a key, a value, a record component, a JavaBean property, at any depth), and finds none in text
 * whose surrogates are all paired.
 */
class UnpairedSurrogateTest {

    static final String HIGH = "\uD83D";
    static final String LOW = "\uDE00";
    static final String PAIR = HIGH + LOW; // 😀

    public record Note(String text, List<String> tags) {
    }

    /** A JavaBean: the properties JSON-B writes are the ones looked into. */
    public static class Letter {
        private String body;

        public String getBody() {
            return body;
        }

        public void setBody(String body) {
            this.body = body;
        }

        static Letter of(String body) {
            Letter letter = new Letter();
            letter.body = body;
            return letter;
        }
    }

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("a lone high surrogate", HIGH, HIGH),
                Arguments.of("a lone low surrogate", LOW, LOW),
                Arguments.of("a pair reversed", LOW + HIGH, LOW + HIGH),
                Arguments.of("a high surrogate at the end", "ok" + HIGH, "ok" + HIGH),
                Arguments.of("a low surrogate at the start", LOW + "ok", LOW + "ok"),
                Arguments.of("two highs then a low", HIGH + HIGH + LOW, HIGH + HIGH + LOW),
                Arguments.of("a pair, then a lone low", PAIR + LOW, PAIR + LOW),
                Arguments.of("a StringBuilder", new StringBuilder("x").append(HIGH), "x" + HIGH),
                Arguments.of("a char", HIGH.charAt(0), HIGH),
                Arguments.of("a char array", ("a" + LOW).toCharArray(), "a" + LOW),
                Arguments.of("a list element", List.of("fine", "bad" + HIGH), "bad" + HIGH),
                Arguments.of("a set element", Set.of(LOW), LOW),
                Arguments.of("a map key", Map.of(HIGH, "v"), HIGH),
                Arguments.of("a map value", Map.of("k", LOW), LOW),
                Arguments.of("an Optional", Optional.of(HIGH), HIGH),
                Arguments.of("an Object array", new Object[] {1, "x" + LOW}, "x" + LOW),
                Arguments.of("a String array", new String[] {PAIR, HIGH}, HIGH),
                Arguments.of("a record component", new Note(HIGH, List.of()), HIGH),
                Arguments.of("a record's list", new Note("fine", List.of("t" + LOW)), "t" + LOW),
                Arguments.of("a JavaBean property", Letter.of("dear " + HIGH), "dear " + HIGH),
                Arguments.of("a list of maps of records", List.of(Map.of("n", new Note(PAIR, List.of(LOW)))), LOW),
                Arguments.of("a map of lists of beans", Map.of("k", List.of(Letter.of(PAIR), Letter.of(LOW + "!"))), LOW + "!"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void anUnpairedSurrogateIsFoundWhereverTextCanBe(String label, Object argument, String expected) {
        assertEquals(expected, IntentCodec.unpairedSurrogateIn(List.of(argument)), label);
        assertEquals(expected, IntentCodec.unpairedSurrogateIn(Arrays.asList("first argument fine", null, 7, argument)),
                label + ", as a later argument");
    }

    static Stream<Arguments> whole() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put(PAIR, List.of(new Note("𝄞 clef", List.of(PAIR + PAIR))));
        nested.put("none", null);
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        withNull.add(PAIR);
        return Stream.of(
                Arguments.of("an empty string", ""),
                Arguments.of("plain text", "Grüße, 東京"),
                Arguments.of("a pair", PAIR),
                Arguments.of("pairs back to back", PAIR + PAIR + "x" + PAIR),
                Arguments.of("a char that is no surrogate", 'é'),
                Arguments.of("a char array of a pair", PAIR.toCharArray()),
                Arguments.of("numbers, booleans, enums", List.of(1, 2L, 3.0, true, Thread.State.NEW)),
                Arguments.of("a platform value", UUID.randomUUID()),
                Arguments.of("an int array", new int[] {0xD83D, 0xDE00}),
                Arguments.of("nested collections, records and nulls", nested),
                Arguments.of("a list with a null", withNull),
                Arguments.of("an empty Optional", Optional.empty()),
                Arguments.of("a JavaBean", Letter.of(PAIR)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("whole")
    void textWhoseSurrogatesArePairedPasses(String label, Object argument) {
        assertNull(IntentCodec.unpairedSurrogateIn(List.of(argument)), label);
    }

    static Stream<Arguments> indexes() {
        return Stream.of(
                Arguments.of("", -1), Arguments.of("abc", -1), Arguments.of(PAIR, -1), Arguments.of("a" + PAIR + PAIR, -1),
                Arguments.of(HIGH, 0), Arguments.of(LOW, 0), Arguments.of(LOW + HIGH, 0), Arguments.of("ok" + HIGH, 2),
                Arguments.of(HIGH + HIGH + LOW, 0), Arguments.of(PAIR + LOW, 2), Arguments.of(PAIR + HIGH + "x", 2),
                Arguments.of("ab" + PAIR + "c" + LOW + HIGH, 5));
    }

    @ParameterizedTest
    @MethodSource("indexes")
    void theIndexIsThatOfTheFirstUnpairedSurrogate(String text, int index) {
        assertEquals(index, IntentCodec.unpairedSurrogate(text), () -> text.chars().mapToObj(c -> String.format("%04X", c)).toList().toString());
    }
}
