package io.airlock;

/** A block of code run inside a scope or a local policy block, returning a value; it may throw {@code X}. */
@FunctionalInterface
public interface ScopedCallable<R, X extends Exception> {
    R call() throws X;
}
