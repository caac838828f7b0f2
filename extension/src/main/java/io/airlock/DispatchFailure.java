package io.airlock;

import io.airlock.internal.failure.FailureText;
import java.time.Instant;
import java.util.List;

/**
 * An executor failed while dispatching a batch. Dispatch is fail-fast, so this names exactly what was
 * dispatched before the failure, the intent that failed, and the intents that were never attempted.
 * In a container it is fired as a CDI event; it is always logged.
 *
 * @param failed the intent whose dispatch failed
 * @param cause what the executor threw
 * @param dispatched the intents of the batch dispatched before the failure, in order
 * @param notAttempted the intents of the batch after the failed one, never attempted, in order
 * @param afterCompletion true when the failure happened after the transaction completed, where no caller
 *     can catch it any more
 * @param attempt which attempt failed, from 1: a durable intent ({@code airlock.store}) is retried
 * @param nextAttemptAt when a durable intent will be tried again; null when it will not (an in-memory batch,
 *     or a durable intent past its {@code maxRetries}, now kept as FAILED)
 */
public record DispatchFailure(Intent failed, Throwable cause, List<Intent> dispatched, List<Intent> notAttempted,
        boolean afterCompletion, int attempt, Instant nextAttemptAt) {

    public DispatchFailure {
        dispatched = List.copyOf(dispatched);
        notAttempted = List.copyOf(notAttempted);
    }

    /** A failure of an in-memory batch: its first and only attempt. */
    public DispatchFailure(Intent failed, Throwable cause, List<Intent> dispatched, List<Intent> notAttempted, boolean afterCompletion) {
        this(failed, cause, dispatched, notAttempted, afterCompletion, 1, null);
    }

    /** Whether the intent will be tried again (durable intents only). */
    public boolean willRetry() {
        return nextAttemptAt != null;
    }

    /** As a record shows itself, with the cause shown by its class when its message cannot be read. */
    @Override
    public String toString() {
        return "DispatchFailure[failed=" + failed + ", cause=" + FailureText.of(cause) + ", dispatched=" + dispatched + ", notAttempted="
                + notAttempted + ", afterCompletion=" + afterCompletion + ", attempt=" + attempt + ", nextAttemptAt=" + nextAttemptAt + "]";
    }
}
