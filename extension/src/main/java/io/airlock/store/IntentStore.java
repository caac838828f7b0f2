package io.airlock.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where durable intents live: a table of the application's database in the built-in implementation
 * ({@link io.airlock.store.jdbc.JdbcIntentStore}). airlock writes an intent in the transaction that flushes
 * it, dispatches it after the commit and completes it; what does not complete is claimed later by a relay
 * under a lease. Implementations must be safe for several instances (relays) on one store: two relays never
 * hold one intent at the same time.
 *
 * <p>Every method but {@link #save} runs in a unit of work of its own; {@link #save} joins the transaction
 * active on the thread (so the row exists only if that transaction commits), and without one writes in a
 * transaction of its own.
 */
public interface IntentStore {

    /** Writes new intents, {@link IntentState#PENDING}, leased to {@code owner} until {@code leaseUntil}: the fast path's own. */
    void save(List<StoredIntent> intents);

    /**
     * Claims up to {@code limit} pending intents that are due ({@code nextAttemptAt <= now}) and not leased
     * (no lease, or one that expired before {@code now}), oldest due first, leasing them to {@code owner}
     * until {@code leaseUntil}. An intent is claimed by one caller only, whatever runs at the same time.
     */
    List<StoredIntent> claim(String owner, Instant now, Instant leaseUntil, int limit);

    /**
     * Records a successful dispatch: deletes the intent, or keeps it {@link IntentState#COMPLETED} when
     * {@code keep} is true.
     *
     * @return false when {@code owner} no longer held it (its lease expired and another relay claimed it)
     */
    boolean complete(String id, String owner, Instant at, boolean keep);

    /**
     * Records several successful dispatches at once, as {@link #complete} does each, in one unit of work where
     * the store can: airlock writes completions in batches ({@code airlock.store.completion-delay}). The default
     * completes them one by one.
     *
     * @return the ids {@code owner} no longer held (their completion wrote nothing); empty when all were completed
     */
    default List<String> completeAll(List<String> ids, String owner, Instant at, boolean keep) {
        List<String> lost = new java.util.ArrayList<>();
        for (String id : ids) {
            if (!complete(id, owner, at, keep)) {
                lost.add(id);
            }
        }
        return lost;
    }

    /**
     * Records a failed attempt of {@code intent} (as it was claimed or saved) and releases the lease: the
     * intent is due again at {@code nextAttemptAt}, or, when that is null, kept {@link IntentState#FAILED}.
     *
     * @return false when {@code owner} no longer held it
     */
    boolean fail(StoredIntent intent, String owner, Attempt attempt, Instant nextAttemptAt);

    /** Intents in a state, oldest first, a page at a time. */
    List<StoredIntent> list(IntentState state, int offset, int limit);

    Optional<StoredIntent> find(String id);

    /** How many intents are in a state. */
    long count(IntentState state);

    /** When the oldest pending intent was written; empty when none is pending. */
    Optional<Instant> oldestPending();

    /** Makes a failed intent pending again, due {@code now}, with its retries anew and its history kept; false if it is not failed. */
    boolean resubmit(String id, Instant now);

    /** Makes every failed intent pending again; returns how many. */
    int resubmitAllFailed(Instant now);

    /** Deletes completed intents completed before {@code before}; returns how many. */
    int purgeCompleted(Instant before);
}
