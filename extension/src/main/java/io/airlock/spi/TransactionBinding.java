package io.airlock.spi;

import io.airlock.Scope;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * airlock's view of one transaction: its outcome, and work to do once that outcome is known. An
 * implementation registers one synchronization per transaction and serves every intent and scope of it.
 */
public interface TransactionBinding {

    /** Where the transaction stands. */
    enum Status {
        ACTIVE, COMMITTED, ROLLED_BACK
    }

    Status status();

    /**
     * Whether this transaction, still {@link Status#ACTIVE} as far as its outcome goes, can no longer commit:
     * it is marked rollback-only, or it is rolling back before its synchronizations have heard so. Asked before
     * work is written into the transaction itself (a durable row, a message sent in it), which such a
     * transaction would refuse; the work is dropped instead, as on a rollback. Called on the thread the
     * transaction is associated with; an implementation that cannot tell answers {@code false}.
     */
    default boolean willRollBack() {
        return status() == Status.ROLLED_BACK;
    }

    /**
     * Runs {@code action} with the outcome once the transaction has completed; if it has completed already,
     * runs it now. Actions run in the order they were added.
     */
    void whenComplete(Consumer<Status> action);

    /**
     * The scope that buffers intents enqueued in this transaction outside any scope (see
     * {@link io.airlock.NoScopeBehavior#JOIN_TRANSACTION}), created by {@code factory} on first use, and
     * again when the one created before has been flushed (an intent enqueued by a late callback of the
     * completion).
     */
    Scope joinedScope(Supplier<Scope> factory);

    /**
     * Runs {@code action} when the transaction is about to complete, before it commits and while it can still
     * take work (after the resource managers' own synchronizations, such as JPA's flush); a failure rolls the
     * transaction back. Ignored when that moment has passed or never comes: {@link #whenComplete} still runs.
     */
    default void beforeCompletion(Runnable action) {
    }
}
