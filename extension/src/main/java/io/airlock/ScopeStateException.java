package io.airlock;

/**
 * An operation does not fit the scope's lifecycle state: flushing or discarding twice, flushing a
 * discarded scope, enqueueing into a finished scope, or flushing a scope that is still active.
 */
public class ScopeStateException extends AirlockException {
    private static final long serialVersionUID = 1L;

    public ScopeStateException(String message) {
        super(message);
    }
}
