package io.airlock;

import io.airlock.executor.Backoff;
import io.airlock.executor.FallbackExecutor;
import io.airlock.executor.RetryingExecutor;
import io.airlock.executor.RoutingExecutor;
import io.airlock.executor.SyncExecutor;
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

    /** Runs each intent on the thread that flushes (after commit when a transaction was active). The default. */
    static IntentExecutor sync() {
        return SyncExecutor.INSTANCE;
    }

    /** Tries this executor up to {@code attempts} times in all, waiting by {@code backoff} between attempts. */
    default IntentExecutor withRetry(int attempts, Backoff backoff) {
        return new RetryingExecutor(this, attempts, backoff);
    }

    /** Tries this executor, and on failure hands the intent to {@code fallback}. */
    default IntentExecutor orElse(IntentExecutor fallback) {
        return new FallbackExecutor(this, fallback);
    }

    /** Sends an intent to {@code whenTrue} if the predicate holds, else to {@code otherwise}. */
    static IntentExecutor route(Predicate<Intent> predicate, IntentExecutor whenTrue, IntentExecutor otherwise) {
        return new RoutingExecutor(predicate, whenTrue, otherwise);
    }
}
