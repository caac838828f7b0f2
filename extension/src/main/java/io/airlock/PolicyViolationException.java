package io.airlock;

/** A policy rejected an intent at enqueue time (for example {@link io.airlock.policy.AssertNoEffects}). The intent is not buffered. */
public class PolicyViolationException extends AirlockException {
    private static final long serialVersionUID = 1L;

    public PolicyViolationException(String message) {
        super(message);
    }
}
