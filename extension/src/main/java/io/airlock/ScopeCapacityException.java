package io.airlock;

/**
 * A scope reached its limit ({@link Scope#maxIntents(int)}, {@code airlock.scope.max-intents}): the intent that
 * would pass it was not buffered, and the scope keeps what it had. Thrown from the enqueue, or from the flush of a
 * nested scope whose intents the full scope would capture; the unit of work then usually ends with this exception,
 * so its scope discards: nothing escapes half-done.
 */
public class ScopeCapacityException extends UsageException {
    private static final long serialVersionUID = 1L;

    private final int maxIntents;
    private final int wanted;

    public ScopeCapacityException(String message, int maxIntents, int wanted) {
        super(message);
        this.maxIntents = maxIntents;
        this.wanted = wanted;
    }

    /** The scope's limit. */
    public int maxIntents() {
        return maxIntents;
    }

    /** How many intents the scope would have held. */
    public int wanted() {
        return wanted;
    }
}
