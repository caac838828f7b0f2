package io.airlock;

import java.util.List;

/**
 * Thrown by {@link IntentExecutor.Batch#close()} when the batch's transaction did not commit: the intents it
 * names were executed through the batch without an error, yet none of them reached its destination (a JMS
 * batch sent in one transaction whose commit failed). airlock then reports them as not dispatched in the
 * {@link DispatchFailure} instead of counting them as dispatched. Any other exception from {@code close} is
 * only logged: what was executed stays dispatched.
 *
 * <p>A commit that fails may be in doubt (the connection dropped while the broker committed): the intents are
 * still reported as not dispatched, so a retry can send them twice; see the executor's documentation for how it
 * makes a second copy harmless (the JMS executor sets the broker's duplicate-detection id where it has one).
 */
public class BatchRolledBackException extends AirlockException {
    private static final long serialVersionUID = 1L;

    private final transient List<Intent> intents;

    /**
     * @param intents the intents executed through the batch whose delivery was undone, in order; not empty
     * @param message what failed, naming the batch and the fix
     * @param cause the commit's failure
     */
    public BatchRolledBackException(List<Intent> intents, String message, Throwable cause) {
        super(message, cause);
        if (intents == null || intents.isEmpty()) {
            throw new IllegalArgumentException("intents must name the intents whose delivery was undone, got " + intents);
        }
        this.intents = List.copyOf(intents);
    }

    /** The intents executed through the batch that were not delivered, in order. */
    public List<Intent> intents() {
        return intents;
    }
}
