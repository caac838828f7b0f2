package io.airlock;

import io.airlock.executor.Backoff;
import io.airlock.executor.FallbackExecutor;
import io.airlock.executor.RetryingExecutor;
import io.airlock.executor.RoutingExecutor;
import io.airlock.executor.SyncExecutor;
import java.util.List;
import java.util.function.Predicate;

/**
 * Decides HOW an intent runs once it may escape. One method, taking the intent: run it here
 * ({@link #sync()}), hand it to a thread pool, send it as a message. Read {@link Intent#options()} to
 * honour dispatch options.
 *
 * <p>Dispatch is fail-fast: when {@link #execute} throws, the scope stops dispatching, the remaining intents
 * are not attempted, and the failure is reported (and propagates where a caller can still catch it). For an
 * executor that hands work elsewhere, "dispatch" means the hand-over, not the task's own success.
 */
@FunctionalInterface
public interface IntentExecutor {

    void execute(Intent intent) throws Exception;

    /**
     * Opens one dispatched batch (the intents of one flush that may escape now), before any of them is
     * executed: the place to open what the batch shares (one connection for all its messages) and to check
     * every intent before anything is sent. airlock then executes the intents in order through the returned
     * batch and closes it after the last one, or after a failure. The default executes intent by intent.
     *
     * @param intents the intents about to be dispatched, in order, unmodifiable
     * @throws UndeliverableIntentException naming an intent that cannot be dispatched; then nothing of the
     *     batch is dispatched and the failure names that intent
     */
    default Batch openBatch(List<Intent> intents) throws Exception {
        return this::execute;
    }

    /**
     * Whether this executor dispatches {@code intent} inside the transaction that is active when the scope
     * flushes (rather than after it commits): true for work enlisted in that transaction, such as a message of
     * the JMS executor's in-transaction mode. A failure then reaches the caller and rolls the transaction
     * back. Asked per intent, so that a composed executor can answer for each intent what its delegate would:
     * the intents of one flush that dispatch in the transaction go at flush, the others after the commit.
     * The default is false: dispatch waits for the commit.
     */
    default boolean dispatchesInTransaction(Intent intent) {
        return false;
    }

    /**
     * Whether this executor honours the well-known dispatch option {@code option} (one of the keys of
     * {@link DispatchOptions}: {@code delay}, {@code deliverAt}, {@code destination}, {@code priority},
     * {@code timeToLive}, {@code maxRetries}) for {@code intent}. Asked when an intent that carries the option is
     * enqueued, of the executor of its scope and of every enclosing scope that may dispatch it: one that answers
     * false makes the enqueue throw a {@link UsageException} naming the option and the executors that honour it, so
     * an option is never silently lost. Custom keys are not asked about.
     *
     * <p>The default is true: a custom executor is trusted with the options it is given. Override it to refuse
     * those it cannot honour; a composed executor answers as the executors that may get the intent would.
     */
    default boolean honours(String option, Intent intent) {
        return true;
    }

    /**
     * The intents of one dispatched batch, executed in order; closed after the last one or after a failure, and
     * before airlock reports that failure, so a batch sent in one transaction commits what was executed first.
     */
    @FunctionalInterface
    interface Batch extends AutoCloseable {
        void execute(Intent intent) throws Exception;

        /**
         * Ends the batch: a batch sent in one transaction commits here what was executed through it. Throw a
         * {@link BatchRolledBackException} naming the executed intents when that commit fails: airlock reports
         * them as not dispatched (and throws it to the caller while one waits). Any other exception is logged,
         * and what was executed counts as dispatched.
         */
        @Override
        default void close() throws Exception {
        }
    }

    /** Runs each intent on the thread that flushes (after commit when a transaction was active). The default. */
    static IntentExecutor sync() {
        return SyncExecutor.INSTANCE;
    }

    /*
     * The combinators keep what their delegates promise: each forwards openBatch (one batch of the delegate
     * per flush) and answers dispatchesInTransaction as the delegate that gets the intent would.
     */

    /** Tries this executor up to {@code attempts} times in all, waiting by {@code backoff} between attempts. */
    default IntentExecutor withRetry(int attempts, Backoff backoff) {
        return new RetryingExecutor(this, attempts, backoff);
    }

    /** Tries this executor, and on failure hands the intent to {@code fallback}. */
    default IntentExecutor orElse(IntentExecutor fallback) {
        return new FallbackExecutor(this, fallback);
    }

    /**
     * Sends an intent to {@code whenTrue} if the predicate holds, else to {@code otherwise}. The predicate must depend on
     * the intent alone: it is asked at enqueue (for an intent's dispatch options) and again at flush.
     */
    static IntentExecutor route(Predicate<Intent> predicate, IntentExecutor whenTrue, IntentExecutor otherwise) {
        return new RoutingExecutor(predicate, whenTrue, otherwise);
    }
}
