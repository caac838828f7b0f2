package io.airlock;

/**
 * An executor cannot dispatch an intent at all, for example because an argument has no representation in a
 * message. Thrown from {@link IntentExecutor#openBatch} before anything of the batch is dispatched.
 */
public class UndeliverableIntentException extends UsageException {
    private static final long serialVersionUID = 1L;

    private final transient Intent intent;

    public UndeliverableIntentException(Intent intent, String message, Throwable cause) {
        super(message, cause);
        this.intent = intent;
    }

    /** The intent that cannot be dispatched. */
    public Intent intent() {
        return intent;
    }
}
