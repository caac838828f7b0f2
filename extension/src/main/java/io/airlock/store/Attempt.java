package io.airlock.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One failed dispatch of a stored intent.
 *
 * @param number the attempt, from 1
 * @param at when it failed
 * @param error what failed: the exception's class and message
 */
public record Attempt(int number, Instant at, String error) {

    public Attempt {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(error, "error");
    }
}
