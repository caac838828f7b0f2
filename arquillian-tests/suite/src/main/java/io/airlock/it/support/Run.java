package io.airlock.it.support;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * One execution of a task, as the task saw its surroundings.
 *
 * @param key what the test enqueued (unique per test)
 * @param task the task's name
 * @param thread the name of the thread the task ran on
 * @param txStatus the JTA status on that thread ({@link Status}), {@link #NO_LOOKUP} if
 *     {@code java:comp/TransactionSynchronizationRegistry} could not be looked up there
 * @param javaComp whether {@code java:comp/DefaultManagedExecutorService} could be looked up there
 * @param millis when it ran ({@code System.currentTimeMillis()})
 * @param info anything else the task wants to say
 */
public record Run(String key, String task, String thread, int txStatus, boolean javaComp, long millis, String info) {

    /** txStatus when the task could not even look up the registry (no {@code java:comp} on its thread). */
    public static final int NO_LOOKUP = -1;

    /** What the current thread sees now. */
    public static Run here(String key, String task, String info) {
        int status;
        try {
            status = ((TransactionSynchronizationRegistry) new InitialContext()
                    .lookup("java:comp/TransactionSynchronizationRegistry")).getTransactionStatus();
        } catch (NamingException | RuntimeException e) {
            status = NO_LOOKUP;
        }
        boolean javaComp;
        try {
            javaComp = new InitialContext().lookup("java:comp/DefaultManagedExecutorService") != null;
        } catch (NamingException | RuntimeException e) {
            javaComp = false;
        }
        return new Run(key, task, Thread.currentThread().getName(), status, javaComp, System.currentTimeMillis(), info);
    }

    /** True when no transaction was active on the task's thread (none at all, or not even reachable). */
    public boolean outsideTransaction() {
        return txStatus == Status.STATUS_NO_TRANSACTION;
    }
}
