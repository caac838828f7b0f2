package io.airlock.internal.jms;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Intent;
import io.airlock.TaskMethod;
import io.airlock.UndeliverableIntentException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A non-null argument whose JSON form is {@code null} (an optional holding an empty optional) arrives as the receiver
 * reads a null argument: null, or the empty optional of an optional parameter. The sender compares with that, not
 * with what JSON-B alone reads back, so an {@code Optional.of(Optional.empty())} that would arrive as
 * {@code Optional.empty()} is refused, while the same value inside a list, which the receiver reads with JSON-B, travels.
 */
class NullWrittenArgumentTest {

    public static class Tasks {
        public void nested(Optional<Optional<String>> value) {
        }

        public void nestedInt(Optional<OptionalInt> value) {
        }

        public void list(List<Optional<Optional<String>>> values) {
        }
    }

    private static String encode(String method, Class<?> parameter, Object value) {
        TaskMethod task = new TaskMethod(Tasks.class, Tasks.class, method, List.of(parameter));
        return IntentCodec.encode(Intent.builder(task, Arrays.asList(value)).build());
    }

    @Test
    void anOptionalHoldingAnEmptyOneIsRefusedAsAnArgument() {
        for (Object[] c : new Object[][] {{"nested", Optional.of(Optional.empty())}, {"nestedInt", Optional.of(OptionalInt.empty())}}) {
            UndeliverableIntentException e = assertThrows(UndeliverableIntentException.class, () -> encode((String) c[0], Optional.class, c[1]),
                    (String) c[0]);
            assertTrue(e.getMessage().contains("does not round-trip through JSON: it would arrive as java.util.Optional") && e.getMessage().contains("Optional.empty"),
                    e.getMessage());
        }
    }

    @Test
    void whatArrivesAsSentStillTravels() {
        assertDoesNotThrow(() -> encode("nested", Optional.class, Optional.empty()));
        assertDoesNotThrow(() -> encode("nested", Optional.class, Optional.of(Optional.of(""))));
        assertDoesNotThrow(() -> encode("nestedInt", Optional.class, Optional.of(OptionalInt.of(0))));
    }
}
