package io.airlock.internal.jms;

import jakarta.transaction.Status;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JTA transaction the JMS executor begins around an after-commit batch, so that a connection factory that
 * enlists in JTA (a server's) sends the batch as one transaction. Apart from the executor, which then loads
 * without the JTA API where there is none.
 */
public final class OwnTransaction {

    private static final Logger LOG = Logger.getLogger("io.airlock");

    private final TransactionManager manager;

    private OwnTransaction(TransactionManager manager) {
        this.manager = manager;
    }

    /**
     * Begins a transaction when none is associated with the thread; null when one is (a transaction in progress
     * already makes the batch one; a completed one still associated leaves nothing to begin).
     *
     * @param manager a {@link TransactionManager}
     */
    public static OwnTransaction beginIfNone(Object manager) throws Exception {
        TransactionManager tm = (TransactionManager) manager;
        if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
            return null;
        }
        tm.begin();
        return new OwnTransaction(tm);
    }

    /** What runs outside the transaction. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} with the transaction suspended: an in-process task of the batch runs outside it, as it does
     * after any commit, so its own transactional work neither joins the batch's transaction nor is undone by its
     * failed commit.
     */
    public void outside(Work work) throws Exception {
        Transaction suspended = manager.suspend();
        Throwable failed = null;
        try {
            work.run();
        } catch (Exception | Error e) {
            failed = e;
            throw e;
        } finally {
            try {
                Transaction left = manager.getTransaction();
                if (left != null) {
                    // the task began a transaction and left it on the thread: not the batch's to commit, and in the way of its resume
                    manager.suspend();
                    LOG.log(Level.WARNING, "An in-process task of a JMS batch left transaction {0} on the thread; it is rolled back, and the "
                            + "batch's own transaction resumed. A task must end the transactions it begins.", left);
                    left.rollback();
                }
                manager.resume(suspended);
            } catch (Exception resuming) {
                if (failed == null) {
                    throw resuming;
                }
                failed.addSuppressed(resuming); // the task's own failure is the one to report
            }
        }
    }

    /** Commits; on failure the thread is left without a transaction, whatever the manager did. */
    public void commit() throws Exception {
        try {
            manager.commit();
        } catch (Exception e) {
            leave();
            throw e;
        }
    }

    /** Rolls back, for a batch that sent nothing (or could not open its context). */
    public void rollback() {
        try {
            manager.rollback();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Rolling back the JMS batch's own transaction failed", e);
            leave();
        }
    }

    private void leave() {
        try {
            if (manager.getStatus() != Status.STATUS_NO_TRANSACTION) {
                manager.rollback();
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "Could not leave the JMS batch's own transaction", e);
        }
    }
}
