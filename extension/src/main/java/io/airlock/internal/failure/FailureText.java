package io.airlock.internal.failure;

/**
 * A failure as text, for logs, failure records and message properties, that never throws: a task's exception whose
 * {@code getMessage()} or {@code toString()} fails (a message built lazily over a detached JPA entity, say) is shown by
 * its class and what went wrong, so that recording or reporting the failure never fails in its turn.
 */
public final class FailureText {

    private FailureText() {
    }

    /** {@code failure.toString()}: its class and message, or its class and what went wrong when reading them. */
    public static String of(Throwable failure) {
        if (failure == null) {
            return "null";
        }
        try {
            return failure.toString();
        } catch (RuntimeException | StackOverflowError broken) {
            return failure.getClass().getName() + " (its message cannot be read: " + broken.getClass().getName() + ")";
        }
    }

    /** {@code failure.getMessage()}, or a note saying it cannot be read; null when the failure has no message. */
    public static String message(Throwable failure) {
        try {
            return failure.getMessage();
        } catch (RuntimeException | StackOverflowError broken) {
            return "(its message cannot be read: " + broken.getClass().getName() + ")";
        }
    }
}
