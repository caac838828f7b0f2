package io.airlock.executor;

/** What the combinators do with an interrupt: it asks the dispatch to stop, not to try again nor elsewhere. */
final class Interruption {

    private Interruption() {
    }

    /**
     * Throws {@code failure} when it is an interrupt (the thread's flag set again) or the thread is interrupted: no
     * further attempt, no fallback, the interrupt kept. Returns otherwise.
     */
    static void stopOn(Exception failure) throws Exception {
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw failure;
        }
        if (Thread.currentThread().isInterrupted()) {
            throw failure;
        }
    }
}
