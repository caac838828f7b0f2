package io.airlock;

/**
 * An executor failed with a checked exception while dispatching an intent. Unchecked exceptions of an
 * executor propagate unchanged; checked ones are wrapped in this exception, which names the intent.
 */
public class DispatchException extends AirlockException {
    private static final long serialVersionUID = 1L;

    public DispatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
