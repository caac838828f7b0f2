package io.airlock.executor;

import io.airlock.Intent;
import io.airlock.IntentExecutor;
import java.time.Duration;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tries a delegate executor up to a number of attempts, waiting between them. When every attempt fails,
 * the last failure is thrown with the earlier ones attached as suppressed exceptions.
 */
public final class RetryingExecutor implements IntentExecutor {

    private static final Logger LOG = Logger.getLogger(RetryingExecutor.class.getName());

    private final IntentExecutor delegate;
    private final int attempts;
    private final Backoff backoff;

    public RetryingExecutor(IntentExecutor delegate, int attempts, Backoff backoff) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        this.attempts = attempts;
    }

    @Override
    public void execute(Intent intent) throws Exception {
        Exception first = null;
        for (int attempt = 1; ; attempt++) {
            try {
                delegate.execute(intent);
                return;
            } catch (Exception e) {
                if (first != null) {
                    e.addSuppressed(first);
                }
                first = e;
                if (attempt == attempts) {
                    throw e;
                }
                LOG.log(Level.WARNING, "Dispatch of {0} failed (attempt {1} of {2}): {3}", new Object[] {intent, attempt, attempts, e.toString()});
                Duration wait = backoff.before(attempt);
                if (!wait.isZero() && !wait.isNegative()) {
                    Thread.sleep(wait.toMillis());
                }
            }
        }
    }

    @Override
    public String toString() {
        return "retry(" + delegate + ", " + attempts + ")";
    }
}
