package io.airlock.internal.store;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed durable intent is tried again: exponential backoff from {@code initial}, doubling per attempt up
 * to {@code max}, with ±20 % jitter so that intents that failed together (a broker outage) do not return together.
 */
public record RetrySchedule(Duration initial, Duration max) {

    /** The wait after failed attempt {@code attempt} (from 1). */
    public Duration after(int attempt) {
        long base = initial.toMillis();
        long cap = max.toMillis();
        long wait = base;
        for (int i = 1; i < attempt && wait < cap; i++) {
            wait = Math.min(cap, wait * 2);
        }
        wait = Math.min(cap, wait);
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, Math.round(wait * jitter)));
    }
}
