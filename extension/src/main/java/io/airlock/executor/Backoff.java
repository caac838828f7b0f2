package io.airlock.executor;

import java.time.Duration;
import java.util.Objects;

/** How long a {@link RetryingExecutor} waits before retry number {@code n} (1 for the first retry). */
@FunctionalInterface
public interface Backoff {

    Duration before(int retry);

    /** Retry at once. */
    static Backoff none() {
        return retry -> Duration.ZERO;
    }

    /** The same wait before every retry. */
    static Backoff fixed(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        return retry -> wait;
    }

    /**
     * {@code initial}, then doubling before each further retry, never above {@code max}: from the retry whose doubled wait
     * would pass {@code max}, {@code max} itself, however small {@code initial} is.
     */
    static Backoff exponential(Duration initial, Duration max) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        return retry -> {
            Duration d;
            try {
                d = initial.multipliedBy(1L << Math.max(0, Math.min(retry - 1, 62))); // past 2^62 times any initial wait, max
            } catch (ArithmeticException beyondADuration) {
                return max;
            }
            return d.compareTo(max) > 0 ? max : d;
        };
    }
}
