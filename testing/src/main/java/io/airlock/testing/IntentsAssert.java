package io.airlock.testing;

import io.airlock.Intent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Fluent assertions on a sequence of intents, by name, by arguments, by order and by count. Obtain one with
 * {@link IntentAssertions#assertThat(Intents)}. Each method returns an assertion to chain on, and throws
 * {@link AssertionFailedError} with the intents that were there when it does not hold.
 *
 * <pre>{@code
 * assertThat(intents)
 *         .hasSize(2)
 *         .containsExactlyInOrder("reserveStock", "sendConfirmation")
 *         .hasNoIntent("refund");
 * }</pre>
 */
public final class IntentsAssert {

    private final Intents intents;

    IntentsAssert(Intents intents) {
        this.intents = Objects.requireNonNull(intents, "intents");
    }

    /** Asserts that nothing was enqueued. */
    public IntentsAssert isEmpty() {
        List<Intent> all = intents.list();
        if (!all.isEmpty()) {
            throw new AssertionFailedError("Expected no intents but found " + describe(all), List.of(), names(all));
        }
        return this;
    }

    /** Asserts that exactly {@code count} intents were enqueued. */
    public IntentsAssert hasSize(int count) {
        List<Intent> all = intents.list();
        if (all.size() != count) {
            throw new AssertionFailedError("Expected " + count + " intent(s) but found " + describe(all), count, all.size());
        }
        return this;
    }

    /**
     * Asserts that the intents are exactly these names, in this order: nothing missing, nothing extra.
     */
    public IntentsAssert containsExactlyInOrder(String... names) {
        List<String> expected = List.of(names);
        List<Intent> all = intents.list();
        List<String> actual = names(all);
        if (!actual.equals(expected)) {
            throw new AssertionFailedError("Expected exactly the intents " + expected + ", in this order, but found " + describe(all),
                    expected, actual);
        }
        return this;
    }

    /** Asserts that the intents are exactly these names, in any order (each name as often as given). */
    public IntentsAssert containsExactlyInAnyOrder(String... names) {
        List<Intent> all = intents.list();
        if (!counts(List.of(names)).equals(counts(names(all)))) {
            throw new AssertionFailedError("Expected exactly the intents " + Arrays.toString(names) + ", in any order, but found "
                    + describe(all), List.of(names), names(all));
        }
        return this;
    }

    /**
     * Asserts that these names occur in this order, possibly with other intents before, between or after
     * them.
     */
    public IntentsAssert containsInOrder(String... names) {
        List<Intent> all = intents.list();
        int next = 0;
        for (Intent intent : all) {
            if (next < names.length && intent.name().equals(names[next])) {
                next++;
            }
        }
        if (next < names.length) {
            throw new AssertionFailedError("Expected the intents " + Arrays.toString(names) + " in this order (others may come between), but "
                    + (next == 0 ? "" : "after " + List.of(names).subList(0, next) + " ") + "no '" + names[next] + "' followed. Found "
                    + describe(all), List.of(names), names(all));
        }
        return this;
    }

    /** Asserts that each of these names occurs, in any order, each at least as often as given. */
    public IntentsAssert contains(String... names) {
        List<Intent> all = intents.list();
        Map<String, Integer> have = counts(names(all));
        for (Map.Entry<String, Integer> wanted : counts(List.of(names)).entrySet()) {
            int n = have.getOrDefault(wanted.getKey(), 0);
            if (n < wanted.getValue()) {
                throw new AssertionFailedError("Expected " + times(wanted.getValue()) + " '" + wanted.getKey() + "' but found it " + times(n)
                        + " among " + describe(all));
            }
        }
        return this;
    }

    /**
     * Asserts that at least one intent is named {@code name}, and returns assertions on the intents of that
     * name: {@code hasIntent("sendConfirmation").withArgs(42L, "a@b.c").once()}.
     */
    public NamedIntentsAssert hasIntent(String name) {
        Objects.requireNonNull(name, "name");
        List<Intent> all = intents.list();
        List<Intent> named = intents.named(name);
        if (named.isEmpty()) {
            throw new AssertionFailedError("Expected an intent '" + name + "' but found " + describe(all));
        }
        return new NamedIntentsAssert(this, all, name, named, name);
    }

    /** Asserts that no intent is named {@code name}. */
    public IntentsAssert hasNoIntent(String name) {
        Objects.requireNonNull(name, "name");
        List<Intent> named = intents.named(name);
        if (!named.isEmpty()) {
            throw new AssertionFailedError("Expected no intent '" + name + "' but found " + times(named.size()) + ": " + named + ". All "
                    + describe(intents.list()));
        }
        return this;
    }

    // ------------------------------------------------------------------------------------------ messages

    /** "2 intent(s):" and one numbered call per line, or "no intents". */
    static String describe(List<Intent> all) {
        if (all.isEmpty()) {
            return "no intents.";
        }
        StringBuilder sb = new StringBuilder().append(all.size()).append(" intent(s):");
        for (int i = 0; i < all.size(); i++) {
            sb.append("\n  ").append(i + 1).append(". ").append(all.get(i));
        }
        return sb.toString();
    }

    static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }

    private static List<String> names(List<Intent> all) {
        List<String> names = new ArrayList<>(all.size());
        for (Intent intent : all) {
            names.add(intent.name());
        }
        return names;
    }

    private static Map<String, Integer> counts(List<String> names) {
        Map<String, Integer> counts = new HashMap<>();
        for (String name : names) {
            counts.merge(name, 1, Integer::sum);
        }
        return counts;
    }
}
