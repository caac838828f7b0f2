package io.airlock.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One durable intent as the store holds it.
 *
 * @param id the intent's id: the row key and its idempotency key, carried to the JMS message and the task
 * @param name the intent's name (the task method's, or the one given at enqueue)
 * @param executor the name of the executor that dispatches it ({@code sync}, {@code managed}, {@code jms}, a bean name)
 * @param payload the intent in airlock's JSON format (docs/jms-format.md)
 * @param state where it stands
 * @param attempts the failed attempts so far
 * @param maxRetries how many times a failed dispatch is retried before the intent is kept as {@link IntentState#FAILED}
 * @param createdAt when it was written
 * @param nextAttemptAt when it is due (for a pending intent)
 * @param leaseOwner the instance that holds it now, or null
 * @param leaseUntil until when that instance holds it, or null
 * @param completedAt when it was dispatched, for a completed intent kept for a while
 * @param history each failed attempt, oldest first
 */
public record StoredIntent(String id, String name, String executor, String payload, IntentState state, int attempts, int maxRetries,
        Instant createdAt, Instant nextAttemptAt, String leaseOwner, Instant leaseUntil, Instant completedAt, List<Attempt> history) {

    public StoredIntent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        history = List.copyOf(history);
    }

    /** The error of the last failed attempt. */
    public Optional<String> lastError() {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1).error());
    }

    @Override
    public String toString() {
        return name + " (" + id + ", " + state + ", " + attempts + " failed attempt(s))";
    }
}
