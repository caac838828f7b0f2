package io.airlock.internal.store;

import io.airlock.store.IntentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * The completions of dispatched intents, written to the store together: when {@code batchSize} of them wait (by
 * the scheduler, or by the dispatching thread while the scheduler writes the previous full batch), else at the
 * latest {@code delay} after the first of them ({@code airlock.store.completion-delay}), before
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
    /** A full batch given to the scheduler and not yet taken by a writer, guarded by {@code this}. */
    private List<String> handed;
    /** Whether the batch given to the scheduler is being written, guarded by {@code this}. */
    private boolean handedWriting;

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
            hand(full, timer);
        } else if (started >= 0) {
            long mine = started;
            try {
                timer.schedule(() -> flush(mine), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException rejected) { // the scheduler is shutting down: no later write is coming
                flush();
            }
        }
    }

    /**
     * A full batch: written by the scheduler, off the thread that dispatched (a request's, after its commit),
     * unless the scheduler still has the previous full batch to write; then here, which holds the dispatching
     * threads to the pace of the store rather than queueing batches without bound.
     */
    private void hand(List<String> full, ScheduledExecutorService timer) {
        boolean busy;
        synchronized (this) {
            busy = handed != null || handedWriting;
            if (!busy) {
                handed = full;
            }
        }
        if (busy) {
            write(full);
            return;
        }
        try {
            timer.execute(this::writeHanded);
        } catch (RuntimeException rejected) { // the scheduler is shutting down
            writeHanded();
        }
    }

    /** Writes the batch handed to the scheduler, if no one has yet. */
    private void writeHanded() {
        List<String> ids;
        synchronized (this) {
            ids = handed;
            if (ids == null) {
                return; // none, or another thread took it
            }
            handed = null;
            handedWriting = true;
        }
        try {
            write(ids);
        } finally {
            synchronized (this) {
                handedWriting = false;
                notifyAll();
            }
        }
    }

    /** Writes every completion that waits, the full batch handed to the scheduler included, and waits for one it is writing. */
    void flush() {
        writeHanded();
        synchronized (this) {
            while (handedWriting) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
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
        List<String> lost;
        try {
            IntentStore store = durability.store();
            // never in a caller's transaction (a read of the store in one writes the completions that wait first): its rollback would undo them
            lost = durability.outsideTransaction(() -> store.completeAll(ids, durability.owner(), durability.now(),
                    !durability.settings().keepCompleted().isZero()));
        } catch (RuntimeException storeDown) {
            Durability.LOG.log(Level.SEVERE, ids.size() + " intent(s) were dispatched but could not be completed; the relay dispatches them again "
                    + "when their lease expires, and their ids let the tasks recognise the duplicates: " + ids, storeDown);
            return;
        }
        for (String id : lost) {
            Durability.LOG.log(Level.WARNING, "Intent {0} was dispatched, but its row was no longer leased to this instance when it was to be "
                    + "completed: another instance took it over (airlock.store.lease {1} is shorter than this dispatch took), and may dispatch it "
                    + "again, or the row was removed from the table.",
                    new Object[] {id, durability.settings().lease()});
        }
    }
}
