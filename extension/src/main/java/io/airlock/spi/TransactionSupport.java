package io.airlock.spi;

/**
 * Tells airlock about the transaction active on the current thread. The CDI extension supplies a JTA
 * implementation; without one, airlock behaves as if no transaction were ever active.
 */
@FunctionalInterface
public interface TransactionSupport {

    /**
     * The binding of the transaction active on this thread, or {@code null} when none is active. Called on
     * every enqueue and at every flush, so it must be cheap: one binding per transaction, created on first
     * use. When the transaction no longer accepts a synchronization (marked rollback-only, completing), the
     * binding it returns reports {@link TransactionBinding.Status#ROLLED_BACK}, so nothing bound to it escapes.
     */
    TransactionBinding current();

    /**
     * Runs work that follows a completed transaction (dispatch after commit) outside that transaction, so
     * that a task can start a transaction of its own. The JTA implementation suspends the completed
     * transaction around the work where the server's transaction manager is reachable; the default just
     * runs it.
     */
    default void runOutside(Runnable work) {
        work.run();
    }

    /** No transactions. */
    TransactionSupport NONE = () -> null;
}
