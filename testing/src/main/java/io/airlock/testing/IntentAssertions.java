package io.airlock.testing;

import io.airlock.Intent;
import io.airlock.Scope;
import java.util.List;

/**
 * Entry points of the assertions on intents. Import statically:
 *
 * <pre>{@code
 * import static io.airlock.testing.IntentAssertions.assertThat;
 *
 * assertThat(intents).containsExactlyInOrder("reserveStock", "sendConfirmation");
 * assertThat(intents).hasIntent("sendConfirmation").withArgs(42L, "a@b.c").once();
 * assertThat(intents).hasNoIntent("refund");
 * assertThat(scope).isEmpty();
 * }</pre>
 *
 * <p>Every failure message lists the intents that were there, as calls, in enqueue order.
 */
public final class IntentAssertions {

    private IntentAssertions() {
    }

    /** Assertions on the intents of a test (a live view: they are read when each assertion runs). */
    public static IntentsAssert assertThat(Intents intents) {
        return new IntentsAssert(intents);
    }

    /** Assertions on what {@code scope} buffers. */
    public static IntentsAssert assertThat(Scope scope) {
        return new IntentsAssert(Intents.of(scope));
    }

    /**
     * Assertions on a list of intents, for example what {@link Scope#flush()} returned. Named apart from
     * {@code assertThat} so it does not clash with AssertJ's {@code assertThat(List)}.
     */
    public static IntentsAssert assertThatIntents(List<Intent> intents) {
        return new IntentsAssert(Intents.of(intents));
    }
}
