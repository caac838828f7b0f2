package io.airlock.store;

/** Where a stored intent stands. */
public enum IntentState {
    /** Written, not yet completed: waiting for its first dispatch after the commit, or for its next attempt. */
    PENDING,
    /** Every attempt failed, or the row can no longer be dispatched (it cannot be decoded, its task is gone): kept for resubmission. */
    FAILED,
    /** Dispatched; kept only while {@code airlock.store.keep-completed} says so. */
    COMPLETED
}
