package io.airlock.internal.store;

import io.airlock.store.IntentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * The completions of dispatched intents, written to the store together: when {@code batchSize} of them wait,
 * else at the latest {@code delay} after the first of them ({@code airlock.store.completion-delay}), before
 * any read of the store through {@link io.airlock.store.DurableIntents}, and when the application stops. One
 * statement batch then completes many intents, where a completion of its own would cost a connection, a
 * statement and a commit per intent.
 *
 * <p>An intent whose completion waits here has been dispatched and still has its row, leased to this
 * instance: if the process dies before the write, the row is dispatched again once its lease expires (the
 * at-least-once window of docs/durability.md). With a zero delay, or without a scheduler to bound the wait,
 * each completion is written at once.
 */
final class Completions {

    private final Durability durability;
    private final int batchSize;
    private final Duration delay;
    private volatile ScheduledExecutorService scheduler;
    /** Ids waiting, guarded by {@code this}. */
    private List<String> waiting = new ArrayList<>();
    /** The number of the batch that waits, guarded by {@code this}: its timer writes it only if it still waits. */
    private long batch;

    Completions(Durability durability, int batchSize, Duration delay) {
        this.durability = durability;
        this.batchSize = batchSize;
        this.delay = delay;
    }

    /** Bounds the wait of a partial batch with this scheduler (the server's ManagedScheduledExecutorService). */
    void scheduleOn(ScheduledExecutorService timer) {
        this.scheduler = timer;
    }

    /** Completes the intent now or with the next batch. */
    void add(String id) {
        ScheduledExecutorService timer = scheduler;
        if (timer == null || delay.isZero() || batchSize == 1) {
            write(List.of(id));
            return;
        }
        List<String> full = null;
        long started = -1;
        synchronized (this) {
            waiting.add(id);
            if (waiting.size() >= batchSize) {
                full = take();
            } else if (waiting.size() == 1) {
                started = batch;
            }
        }
        if (full != null) {
            write(full);
        } else if (started >= 0) {
            long mine = started;
            try {
                timer.schedule(() -> flush(mine), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException rejected) { // the scheduler is shutting down: no later write is coming
                flush();
            }
        }
    }

    /** Writes every completion that waits. */
    void flush() {
        flush(-1);
    }

    /** Writes the completions that wait if they are still batch {@code number} (any batch for -1): a full batch was written already. */
    private void flush(long number) {
        List<String> ids;
        synchronized (this) {
            ids = number < 0 || number == batch ? take() : List.of();
        }
        if (!ids.isEmpty()) {
            write(ids);
        }
    }

    private List<String> take() {
        if (waiting.isEmpty()) {
            return List.of();
        }
        List<String> ids = waiting;
        waiting = new ArrayList<>();
        batch++;
        return ids;
    }

    private void write(List<String> ids) {
        IntentStore store;
        List<String> lost;
        try {
            store = durability.store();
            lost = store.completeAll(ids, durability.owner(), durability.now(), !durability.settings().keepCompleted().isZero());
        } catch (RuntimeException storeDown) {
            Durability.LOG.log(Level.SEVERE, ids.size() + " intent(s) were dispatched but could not be completed; the relay dispatches them again "
                    + "when their lease expires, and their ids let the tasks recognise the duplicates: " + ids, storeDown);
            return;
        }
        for (String id : lost) {
            Durability.LOG.log(Level.WARNING, "Intent {0} was dispatched, but its lease had passed to another instance before it was completed: "
                    + "it may be dispatched again (airlock.store.lease {1} is shorter than this dispatch took).",
                    new Object[] {id, durability.settings().lease()});
        }
    }
}
