package io.airlock;

/** What {@code enqueue} does when the current thread has no scope. */
public enum NoScopeBehavior {
    /** Throw {@link NoScopeException}. The default: side effects never escape without a boundary. */
    FAIL,
    /**
     * Buffer the intent in a scope bound to the active JTA transaction, flushed when it commits and
     * discarded when it rolls back; with no active transaction, throw {@link NoScopeException}.
     */
    JOIN_TRANSACTION
}
