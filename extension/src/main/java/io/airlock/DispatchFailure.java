package io.airlock;

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
 */
public record DispatchFailure(Intent failed, Throwable cause, List<Intent> dispatched, List<Intent> notAttempted,
        boolean afterCompletion) {

    public DispatchFailure {
        dispatched = List.copyOf(dispatched);
        notAttempted = List.copyOf(notAttempted);
    }
}
