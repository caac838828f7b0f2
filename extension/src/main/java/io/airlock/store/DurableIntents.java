package io.airlock.store;

import io.airlock.IntentExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable intents of this application ({@code airlock.store=jdbc}): the executors that make intents
 * durable, and the operations on what the store holds. Injectable: {@code @Inject DurableIntents durable}.
 *
 * <pre>{@code
 * airlock.scope().executor(durable.executor("jms")).run(() -> ...);   // this scope's intents are durable
 * durable.failed(0, 20).forEach(i -> log.info(i + ": " + i.history()));
 * durable.resubmit(id);
 * }</pre>
 */
public interface DurableIntents {

    /**
     * An executor that writes each intent in the transaction that flushes it and, after the commit, dispatches
     * it through the executor named {@code executorName} ({@code sync}, {@code managed}, {@code jms}, a bean
     * name or class, as in {@code airlock.executor}); a failure is retried by the relay with backoff.
     *
     * @throws io.airlock.UsageException when no executor has that name
     */
    IntentExecutor executor(String executorName);

    /** Pending intents (waiting for their dispatch or their next attempt), oldest first. */
    List<StoredIntent> pending(int offset, int limit);

    /** Failed intents, kept with their history for {@link #resubmit}, oldest first. */
    List<StoredIntent> failed(int offset, int limit);

    Optional<StoredIntent> find(String id);

    long count(IntentState state);

    /** When the oldest pending intent was written; empty when none is pending. */
    Optional<Instant> oldestPending();

    /** Makes a failed intent pending again, due now, with its retries anew; false if there is no such failed intent. */
    boolean resubmit(String id);

    /** Makes every failed intent pending again; returns how many. */
    int resubmitAllFailed();

    /** Deletes the completed intents kept ({@code airlock.store.keep-completed}) longer than {@code olderThan}; returns how many. */
    int purgeCompleted(Duration olderThan);

    /**
     * Runs one pass of the relay now, on this thread: claims the intents that are due and dispatches them.
     * The relay does this on its own every {@code airlock.store.poll-interval}; this is for tests and tools.
     *
     * @return how many intents the pass claimed
     */
    int relayNow();
}
