package io.airlock.testing;

import io.airlock.Intent;
import io.airlock.Scope;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The intents a test's code enqueued, in enqueue order: what {@link AirlockTest} injects into a test method
 * that declares a parameter of this type. A live view: each call reads the scope's buffer as it is now, so
 * one parameter serves before and after the code under test runs.
 *
 * <pre>{@code
 * @Test
 * void checkout(Intents intents) {
 *     checkout.complete(42L);
 *     assertThat(intents).hasIntent("sendConfirmation").withArgs(42L);
 *     assertEquals(List.of("reserveStock", "sendConfirmation"), intents.names());
 * }
 * }</pre>
 *
 * <p>It holds every intent buffered in the scope, including those enqueued under a local policy and those
 * captured from nested scopes that flushed inside it; intents a policy refused at enqueue are not there.
 * Outside the extension, {@link #of(Scope)} and {@link #of(List)} give the same view of any scope or list.
 */
public final class Intents implements Iterable<Intent> {

    private final Supplier<List<Intent>> source;

    private Intents(Supplier<List<Intent>> source) {
        this.source = source;
    }

    /** A live view of what {@code scope} buffers (see {@link Scope#intents()}). */
    public static Intents of(Scope scope) {
        Objects.requireNonNull(scope, "scope");
        return new Intents(scope::intents);
    }

    /** A live view of what {@code source} gives each time: the extension's view of a test's scopes. */
    static Intents live(Supplier<List<Intent>> source) {
        return new Intents(Objects.requireNonNull(source, "source"));
    }

    /** A fixed view of {@code intents}, for example the list a {@code flush()} returned. */
    public static Intents of(List<Intent> intents) {
        List<Intent> copy = List.copyOf(Objects.requireNonNull(intents, "intents"));
        return new Intents(() -> copy);
    }

    /** The intents now, in enqueue order, unmodifiable. */
    public List<Intent> list() {
        return source.get();
    }

    /** The intents' names now, in enqueue order. */
    public List<String> names() {
        List<Intent> all = list();
        List<String> names = new ArrayList<>(all.size());
        for (Intent intent : all) {
            names.add(intent.name());
        }
        return List.copyOf(names);
    }

    /** The intents named {@code name}, in enqueue order. */
    public List<Intent> named(String name) {
        Objects.requireNonNull(name, "name");
        List<Intent> matching = new ArrayList<>();
        for (Intent intent : list()) {
            if (intent.name().equals(name)) {
                matching.add(intent);
            }
        }
        return List.copyOf(matching);
    }

    /** How many intents there are now. */
    public int size() {
        return list().size();
    }

    /** Whether nothing has been enqueued (so far). */
    public boolean isEmpty() {
        return list().isEmpty();
    }

    /** Iterates over the intents as they are now. */
    @Override
    public Iterator<Intent> iterator() {
        return list().iterator();
    }

    /** The intents as calls: {@code [reserveStock(42), sendConfirmation(42, "a@b.c")]}. */
    @Override
    public String toString() {
        return list().toString();
    }
}
