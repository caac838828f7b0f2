package io.airlock;

/** A block of code run inside a scope or a local policy block; it may throw {@code X}. */
@FunctionalInterface
public interface ScopedRunnable<X extends Exception> {
    void run() throws X;
}
