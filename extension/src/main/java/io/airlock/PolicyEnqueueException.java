package io.airlock;

/** {@code enqueue} was called from inside a policy's {@code onEnqueue} or {@code allows}: policies judge, they never enqueue. */
public class PolicyEnqueueException extends UsageException {
    private static final long serialVersionUID = 1L;

    public PolicyEnqueueException(String message) {
        super(message);
    }
}
