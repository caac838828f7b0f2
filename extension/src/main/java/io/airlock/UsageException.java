package io.airlock;

/** airlock was used in a way it does not allow; the message says what to do instead. */
public class UsageException extends AirlockException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
