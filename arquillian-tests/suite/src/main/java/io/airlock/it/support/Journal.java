package io.airlock.it.support;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the tasks did, per key. Every test enqueues under keys of its own (a UUID), so earlier tests,
 * earlier runs (messages a broker kept) and other threads never confuse it.
 *
 * <p>No {@code synchronized} methods: Weld's client proxy copies the modifier (see the README).
 */
@ApplicationScoped
public class Journal {

    private final ConcurrentMap<String, List<Run>> runs = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();

    public void add(Run run) {
        runs.computeIfAbsent(run.key(), k -> new CopyOnWriteArrayList<>()).add(run);
        order.add(run.key());
    }

    /** Every run of {@code key} so far, in order. */
    public List<Run> runs(String key) {
        return List.copyOf(runs.getOrDefault(key, List.of()));
    }

    public boolean ran(String key) {
        return !runs(key).isEmpty();
    }

    /** The keys of {@code keys} that ran, in the order they ran. */
    public List<String> order(String... keys) {
        List<String> wanted = List.of(keys);
        return order.stream().filter(wanted::contains).toList();
    }

    /** Waits until {@code key} ran, at most {@code timeout}; the first run, if any. */
    public Optional<Run> await(String key, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Run> r = runs(key);
            if (!r.isEmpty()) {
                return Optional.of(r.get(0));
            }
            if (System.nanoTime() > end) {
                return Optional.empty();
            }
            Thread.sleep(20);
        }
    }

    /** The first run of {@code key}, waiting at most 30 s; fails the test if it never ran. */
    public Run awaitRun(String key) throws InterruptedException {
        return await(key, Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("task for " + key + " never ran"));
    }
}
