package io.airlock;

import io.airlock.policy.AllOf;

/**
 * Decides WHAT escapes. A policy is a per-intent gate: it can filter intents but never reorder them, so
 * dispatch order is always enqueue order.
 *
 * <p>A scope's policy sees every intent twice: {@link #onEnqueue} when it is buffered (observe, or throw
 * {@link PolicyViolationException} to refuse it) and {@link #allows} when the scope flushes. An intent is
 * buffered in a scope when it is enqueued there, and when the scope captures it from a nested scope that
 * flushed: then a refusal fails that nested scope's flush (the nested block throws) and the scope captures none
 * of its intents. A local policy
 * (see {@link Airlock#withPolicy(Policy)}) is asked {@link #allows} only. Policies judge, they never
 * enqueue: {@code enqueue} from inside either method throws {@link PolicyEnqueueException}.
 */
@FunctionalInterface
public interface Policy {

    /**
     * Called when an intent is buffered in the scope: enqueued in it, or captured from a nested scope that flushed.
     * The default observes nothing. Throw to refuse the intent.
     */
    default void onEnqueue(Intent intent) {
    }

    /** Called at flush: {@code true} dispatches the intent, {@code false} drops it silently. */
    boolean allows(Intent intent);

    /** A policy that allows an intent only if every given policy does, asked in the given order. */
    static Policy allOf(Policy... policies) {
        return new AllOf(policies);
    }
}
