package io.airlock;

/**
 * {@code enqueue} was called with no scope on the current thread. Side effects never escape silently:
 * every intent needs a lifecycle boundary that decides when, and whether, it is dispatched.
 */
public class NoScopeException extends UsageException {
    private static final long serialVersionUID = 1L;

    public NoScopeException(String message) {
        super(message);
    }
}
