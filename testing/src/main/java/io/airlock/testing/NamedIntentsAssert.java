package io.airlock.testing;

import io.airlock.Intent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions on the intents of one name, from {@link IntentsAssert#hasIntent(String)}. Each
 * {@code with...} narrows the selection, so the count assertions count what matched so far:
 *
 * <pre>{@code
 * assertThat(intents).hasIntent("sendConfirmation").withArgs(42L, "a@b.c").once();
 * assertThat(intents).hasIntent("reserveStock").times(2).and().hasNoIntent("refund");
 * }</pre>
 */
public final class NamedIntentsAssert {

    private final IntentsAssert parent;
    private final List<Intent> all;
    private final String name;
    private final List<Intent> selected;
    private final String selection;

    NamedIntentsAssert(IntentsAssert parent, List<Intent> all, String name, List<Intent> selected, String selection) {
        this.parent = parent;
        this.all = all;
        this.name = name;
        this.selected = selected;
        this.selection = selection;
    }

    /**
     * Asserts that at least one of the selected intents has exactly these arguments (compared with
     * {@code equals}, arrays by content and by type: {@code 42} and {@code 42L} differ, and so do a {@code String[]}
     * and an {@code Object[]} with the same elements), and selects those. As with any varargs method, an array passed
     * alone stands for the arguments themselves: to expect one array argument, cast it, {@code withArgs((Object) names)}.
     * {@code withArgs(null)} expects one {@code null} argument, as {@code withArgs((Object) null)} does.
     */
    public NamedIntentsAssert withArgs(Object... args) {
        List<Object> expected = args == null ? java.util.Collections.singletonList(null) : Arrays.asList(args);
        List<Intent> matching = new ArrayList<>();
        for (Intent intent : selected) {
            if (argsEqual(expected, intent.args())) {
                matching.add(intent);
            }
        }
        String wanted = asCall(name, expected);
        if (matching.isEmpty()) {
            StringBuilder message = new StringBuilder("Expected an intent ").append(wanted).append(" but the '").append(name)
                    .append("' intents were ").append(selected).append('.');
            typeHint(expected, selected).ifPresent(hint -> message.append(' ').append(hint));
            message.append(" All ").append(IntentsAssert.describe(all));
            throw new AssertionFailedError(message.toString(), wanted, selected.toString());
        }
        return new NamedIntentsAssert(parent, all, name, List.copyOf(matching), wanted);
    }

    /** Asserts that at least one of the selected intents has this origin ({@code null}: none), and selects those. */
    public NamedIntentsAssert withOrigin(String origin) {
        List<Intent> matching = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        for (Intent intent : selected) {
            origins.add(intent.origin().orElse("(none)"));
            if (Objects.equals(origin, intent.origin().orElse(null))) {
                matching.add(intent);
            }
        }
        if (matching.isEmpty()) {
            throw new AssertionFailedError("Expected an intent " + selection + " with origin '" + origin + "' but their origins were "
                    + origins + ". All " + IntentsAssert.describe(all));
        }
        return new NamedIntentsAssert(parent, all, name, List.copyOf(matching), selection + " from '" + origin + "'");
    }

    /** Asserts that exactly {@code count} intents are selected. */
    public NamedIntentsAssert times(int count) {
        if (selected.size() != count) {
            throw new AssertionFailedError("Expected " + selection + " " + IntentsAssert.times(count) + " but found it "
                    + IntentsAssert.times(selected.size()) + " among " + IntentsAssert.describe(all), count, selected.size());
        }
        return this;
    }

    /** Asserts that exactly one intent is selected. */
    public NamedIntentsAssert once() {
        return times(1);
    }

    /** The selected intents, for checks of your own (options, ids). */
    public List<Intent> intents() {
        return selected;
    }

    /** Back to the assertions on all intents, to go on chaining. */
    public IntentsAssert and() {
        return parent;
    }

    private static boolean argsEqual(List<Object> expected, List<Object> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!sameValue(expected.get(i), actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code equals}, and arrays of the same type element by element, at any depth. */
    private static boolean sameValue(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (!expected.getClass().isArray()) {
            return expected.equals(actual);
        }
        if (expected.getClass() != actual.getClass()) {
            return false;
        }
        if (expected instanceof Object[] e) {
            Object[] a = (Object[]) actual;
            if (e.length != a.length) {
                return false;
            }
            for (int i = 0; i < e.length; i++) {
                if (!sameValue(e[i], a[i])) {
                    return false;
                }
            }
            return true;
        }
        return Objects.deepEquals(expected, actual); // a primitive array, of the same type
    }

    /** Explains the classic miss: {@code 42} expected, {@code 42L} enqueued. */
    private static Optional<String> typeHint(List<Object> expected, List<Intent> candidates) {
        for (Intent intent : candidates) {
            List<Object> actual = intent.args();
            if (actual.size() != expected.size()) {
                continue;
            }
            for (int i = 0; i < actual.size(); i++) {
                Object e = expected.get(i);
                Object a = actual.get(i);
                if (e != null && a != null && e.getClass() != a.getClass() && String.valueOf(e).equals(String.valueOf(a))) {
                    return Optional.of("Argument " + (i + 1) + " looks equal but differs in type: expected " + e + " ("
                            + e.getClass().getSimpleName() + "), enqueued " + a + " (" + a.getClass().getSimpleName() + ").");
                }
            }
        }
        return Optional.empty();
    }

    /** An argument as a call shows it: arrays by their elements. */
    static String shown(Object a) {
        if (a == null || !a.getClass().isArray()) {
            return String.valueOf(a);
        }
        String elements = Arrays.deepToString(new Object[] {a});
        return elements.substring(1, elements.length() - 1);
    }

    private static String asCall(String name, List<Object> args) {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object a = args.get(i);
            if (a instanceof CharSequence) {
                sb.append('"').append(a).append('"');
            } else if (a instanceof Character) {
                sb.append('\'').append(a).append('\'');
            } else {
                sb.append(shown(a));
            }
        }
        return sb.append(')').toString();
    }
}
