package io.airlock.internal.failure;

/**
 * Attaches one failure to another as suppressed, safely: the same instance thrown twice (a client that rethrows
 * a cached exception, a retry that fails the same way, a flush that rethrows the block's own exception) is not
 * attached to itself, where {@link Throwable#addSuppressed} would throw an {@code IllegalArgumentException} that
 * replaces both.
 */
public final class Suppressed {

    private Suppressed() {
    }

    /** Adds {@code other} to {@code primary}'s suppressed failures, unless it is null or {@code primary} itself. */
    public static void add(Throwable primary, Throwable other) {
        if (other != null && other != primary) {
            primary.addSuppressed(other);
        }
    }
}
