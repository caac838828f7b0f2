package io.airlock.internal.jms;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.TaskMethod;
import io.airlock.UndeliverableIntentException;
import io.airlock.UsageException;
import jakarta.json.JsonException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JSON number has at most {@link IntentCodec#MAX_NUMBER_LENGTH} characters: reading one of n digits takes time in n
 * squared, so a receiver rejects a longer one unread, and a sender refuses an argument or a custom option that would
 * be written longer, at enqueue, rather than send a message the receiver drops.
 */
class LongNumbersTest {

    static final int MAX = IntentCodec.MAX_NUMBER_LENGTH;

    public static class Ledger {
        public void big(BigInteger value) {
        }

        public void decimal(BigDecimal value) {
        }

        public void bigs(List<BigInteger> values) {
        }
    }

    static Intent intent(String method, Class<?> parameter, Object value) {
        return Intent.builder(new TaskMethod(Ledger.class, Ledger.class, method, List.of(parameter)), List.of(value)).build();
    }

    static BigInteger digits(int count) {
        return new BigInteger("9".repeat(count));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 20, 1000, MAX})
    void aReceiverReadsANumberUpToTheBound(int length) {
        String number = "7".repeat(length);
        assertEquals(new BigDecimal(number), ((jakarta.json.JsonNumber) WrittenJson.read("[" + number + "]").asJsonArray().get(0)).bigDecimalValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"digits", "negative", "fraction", "exponent"})
    void aReceiverRejectsALongerNumberUnread(String shape) {
        String number = switch (shape) {
            case "digits" -> "7".repeat(MAX + 1);
            case "negative" -> "-" + "7".repeat(MAX);
            case "fraction" -> "0." + "7".repeat(MAX - 1);
            default -> "7".repeat(MAX - 2) + "e10";
        };
        assertEquals(MAX + 1, number.length());
        JsonException e = assertThrows(JsonException.class, () -> WrittenJson.read("{\"x\": [" + number + "]}"));
        assertEquals("a number of " + (MAX + 1) + " characters, longer than the " + MAX + " a number may have", e.getMessage());
    }

    @Test
    void aSenderWritesAnArgumentUpToTheBound() {
        assertDoesNotThrow(() -> IntentCodec.encode(intent("big", BigInteger.class, digits(MAX))));
        assertDoesNotThrow(() -> IntentCodec.encode(intent("big", BigInteger.class, digits(MAX - 1).negate())));
        assertDoesNotThrow(() -> IntentCodec.encode(intent("decimal", BigDecimal.class, new BigDecimal("0." + "5".repeat(MAX - 2)))));
    }

    @Test
    void aSenderRefusesALongerArgumentAtEnqueueWhereverItIs() {
        for (Intent intent : List.of(intent("big", BigInteger.class, digits(MAX + 1)), intent("big", BigInteger.class, digits(MAX).negate()),
                intent("decimal", BigDecimal.class, new BigDecimal("0." + "5".repeat(MAX))),
                intent("bigs", List.class, List.of(BigInteger.ONE, digits(5000))))) {
            UndeliverableIntentException e = assertThrows(UndeliverableIntentException.class, () -> IntentCodec.encode(intent));
            assertTrue(e.getMessage().contains("longer than the " + MAX + " a number may have") && e.getMessage().contains("argument 1"),
                    e.getMessage());
        }
    }

    @Test
    void aCustomOptionIsRefusedWhenItsNumberWouldBeWrittenLonger() {
        assertDoesNotThrow(() -> DispatchOptions.builder().set("tenant", digits(MAX)).build());
        assertDoesNotThrow(() -> DispatchOptions.builder().set("tenant", new BigDecimal(digits(MAX))).build());
        for (Object tooLong : List.<Object>of(digits(MAX + 1), new BigDecimal(digits(MAX + 1)), new BigDecimal("0." + "1".repeat(MAX)))) {
            UsageException e = assertThrows(UsageException.class, () -> DispatchOptions.builder().set("tenant", tooLong).build());
            assertTrue(e.getMessage().contains("Invalid dispatch option 'tenant'") && e.getMessage().contains("at most " + MAX + " characters"),
                    e.getMessage());
        }
    }
}
