package io.airlock;

/** Base of every exception airlock throws. Unchecked: airlock errors are programming or wiring errors. */
public class AirlockException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AirlockException(String message) {
        super(message);
    }

    public AirlockException(String message, Throwable cause) {
        super(message, cause);
    }
}
