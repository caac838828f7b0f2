package io.airlock.internal.cdi;

import io.airlock.Scope;
import io.airlock.UsageException;
import io.airlock.spi.TransactionBinding;
import io.airlock.spi.TransactionSupport;
import jakarta.transaction.Status;
import jakarta.transaction.InvalidTransactionException;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * airlock's view of JTA, through the {@link TransactionSynchronizationRegistry}.
 *
 * <p>One interposed synchronization per transaction, kept in a map by transaction key until the transaction
 * completes, serves every intent and every deferred batch of that transaction. Not a registry resource: JTA
 * refuses {@code getResource} once completion has begun, and an intent enqueued then (from an XA resource or a
 * late callback) must still find its transaction's binding. Interposed rather than a transactional CDI observer,
 * because: it runs after the resource managers' own synchronizations (JPA has flushed), it can be looked
 * up again by key (so a batch flushed later still finds the transaction's outcome), it records the outcome
 * for intents that are dispatched after the transaction ended, and a refused registration is visible to us
 * (an observer would silently fall back to immediate delivery).
 */
final class JtaTransactionSupport implements TransactionSupport {

    private static final Logger LOG = Logger.getLogger("io.airlock");

    private final Supplier<TransactionSynchronizationRegistry> registrySource;
    private final Supplier<TransactionManager> managerSource;
    private volatile TransactionSynchronizationRegistry registry;
    private volatile TransactionManager manager;
    private volatile boolean looked;
    /** The bindings of the transactions that have not completed yet, by transaction key. */
    private final Map<Object, Binding> bindings = new ConcurrentHashMap<>();

    /**
     * @param registrySource finds the registry, on first use (where the application's naming context is set up)
     * @param managerSource finds the transaction manager, if the server exposes it (null otherwise)
     */
    JtaTransactionSupport(Supplier<TransactionSynchronizationRegistry> registrySource, Supplier<TransactionManager> managerSource) {
        this.registrySource = registrySource;
        this.managerSource = managerSource;
    }

    private TransactionSynchronizationRegistry registry() {
        if (!looked) {
            synchronized (this) {
                if (!looked) {
                    registry = registrySource.get();
                    manager = managerSource.get();
                    looked = true;
                }
            }
        }
        return registry;
    }

    /**
     * During {@code afterCompletion} the completed transaction is still associated with the thread: a task
     * calling a {@code @Transactional} method would join it instead of starting its own. Suspend it.
     */
    @Override
    public void runOutside(Runnable work) {
        registry();
        TransactionManager tm = manager;
        Transaction completed = null;
        if (tm != null) {
            try {
                completed = tm.suspend(); // null when no transaction is associated
            } catch (SystemException | RuntimeException e) {
                LOG.log(Level.FINE, "Could not suspend the completed transaction before dispatch", e);
            }
        }
        try {
            work.run();
        } finally {
            if (completed != null) {
                try {
                    tm.resume(completed);
                } catch (InvalidTransactionException | SystemException | RuntimeException e) {
                    LOG.log(Level.FINE, "Could not resume the completed transaction after dispatch", e);
                }
            }
        }
    }

    /**
     * The binding of the transaction associated with this thread, whatever its status: a transaction that is
     * associated but no longer active (rolled back by the transaction reaper, marked rollback-only, completing)
     * never reads as "no transaction", so work bound to it never escapes at once.
     *
     * <ul>
     *   <li>no transaction: {@code null};</li>
     *   <li>a binding registered earlier in the transaction: that binding, while it waits for the outcome or
     *       after a rollback ({@code null} once it committed: work enqueued after the commit may escape);</li>
     *   <li>active: a new binding, registered as an interposed synchronization;</li>
     *   <li>committed (a synchronization's {@code afterCompletion} enqueues): {@code null};</li>
     *   <li>marked rollback-only, rolling back, rolled back: a binding that reports a rollback, so the work is dropped;</li>
     *   <li>preparing, prepared, committing, unknown (or a status JTA does not define): the outcome can no
     *       longer be observed, so {@link UsageException} names the transaction and the fix.</li>
     * </ul>
     */
    @Override
    public TransactionBinding current() {
        TransactionSynchronizationRegistry tsr = registry();
        if (tsr == null) {
            return null;
        }
        // called on every enqueue and flush: once the transaction has its binding, one registry call and a map look-up
        Object key = tsr.getTransactionKey();
        if (key != null) {
            Binding existing = bindings.get(key);
            if (existing != null) {
                return existing.status() == TransactionBinding.Status.COMMITTED ? null : existing;
            }
        }
        int status = tsr.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            return null;
        }
        switch (status) {
            case Status.STATUS_ACTIVE -> {
                if (key == null) { // JTA gives an active transaction a key; without one its outcome could not be found again
                    throw new UsageException("airlock cannot bind work to the active transaction on this thread: the transaction "
                            + "synchronization registry gives it no key (getTransactionKey() returned null).");
                }
                Binding binding = new Binding(key, bindings, tsr);
                try {
                    bindings.put(key, binding);
                    tsr.registerInterposedSynchronization(binding);
                    return binding;
                } catch (RuntimeException refused) {
                    bindings.remove(key, binding);
                    return refused(tsr, status, refused);
                }
            }
            case Status.STATUS_COMMITTED -> {
                return null;
            }
            case Status.STATUS_MARKED_ROLLBACK, Status.STATUS_ROLLING_BACK, Status.STATUS_ROLLEDBACK -> {
                return refused(tsr, status, null);
            }
            default -> throw new UsageException("airlock cannot bind work to transaction " + tsr.getTransactionKey() + ": it is "
                    + statusName(status) + ", so its outcome can no longer be observed (JTA accepts no new synchronization once "
                    + "completion has begun) and the work could escape a transaction that rolls back. Enqueue and flush before the "
                    + "transaction starts to complete: not from a beforeCompletion callback, an XAResource or a JPA callback run at commit.");
        }
    }

    private static TransactionBinding refused(TransactionSynchronizationRegistry tsr, int status, RuntimeException why) {
        LOG.log(Level.WARNING, "Transaction " + tsr.getTransactionKey() + " (status " + statusName(status)
                + ") will not commit or does not accept a synchronization; airlock work bound to it is dropped, never dispatched.", why);
        return REFUSED;
    }

    @Override
    public String toString() {
        return "JTA transaction support";
    }

    static String statusName(int status) {
        return switch (status) {
            case Status.STATUS_ACTIVE -> "active";
            case Status.STATUS_MARKED_ROLLBACK -> "marked rollback-only";
            case Status.STATUS_PREPARED -> "prepared";
            case Status.STATUS_COMMITTED -> "committed";
            case Status.STATUS_ROLLEDBACK -> "rolled back";
            case Status.STATUS_UNKNOWN -> "unknown";
            case Status.STATUS_NO_TRANSACTION -> "no transaction";
            case Status.STATUS_PREPARING -> "preparing";
            case Status.STATUS_COMMITTING -> "committing";
            case Status.STATUS_ROLLING_BACK -> "rolling back";
            default -> String.valueOf(status);
        };
    }

    private static final TransactionBinding REFUSED = new Refused();

    /** A transaction that will never commit as far as airlock is concerned. */
    private static final class Refused implements TransactionBinding {
        @Override
        public Status status() {
            return Status.ROLLED_BACK;
        }

        @Override
        public void whenComplete(Consumer<Status> action) {
            action.accept(Status.ROLLED_BACK);
        }

        @Override
        public Scope joinedScope(Supplier<Scope> factory) {
            return factory.get();
        }
    }

    /** The synchronization of one transaction. */
    static final class Binding implements TransactionBinding, Synchronization {
        private final Object transactionKey;
        private final Map<Object, Binding> pending;
        private final TransactionSynchronizationRegistry registry;
        /** Guarded by {@code this}; replaced, never copied, when completion takes them. */
        private List<Consumer<Status>> actions = new ArrayList<>(2);
        private List<Runnable> beforeActions = List.of();
        private boolean completing;
        private volatile Status status = Status.ACTIVE;
        private Scope joined;

        Binding(Object transactionKey, Map<Object, Binding> pending, TransactionSynchronizationRegistry registry) {
            this.transactionKey = transactionKey;
            this.pending = pending;
            this.registry = registry;
        }

        @Override
        public Status status() {
            return status;
        }

        /**
         * JTA tells no synchronization that a transaction was marked rollback-only: ask the registry, when this
         * transaction is the one on the calling thread (on another thread its status cannot be read).
         */
        @Override
        public boolean willRollBack() {
            Status outcome = status;
            if (outcome != Status.ACTIVE) {
                return outcome == Status.ROLLED_BACK;
            }
            if (!transactionKey.equals(registry.getTransactionKey())) {
                return false;
            }
            int now = registry.getTransactionStatus();
            return now == jakarta.transaction.Status.STATUS_MARKED_ROLLBACK
                    || now == jakarta.transaction.Status.STATUS_ROLLING_BACK
                    || now == jakarta.transaction.Status.STATUS_ROLLEDBACK;
        }

        @Override
        public void whenComplete(Consumer<Status> action) {
            synchronized (this) {
                if (status == Status.ACTIVE) {
                    actions.add(action);
                    return;
                }
            }
            action.accept(status);
        }

        @Override
        public synchronized Scope joinedScope(Supplier<Scope> factory) {
            if (joined == null || joined.isFlushed() || joined.isDiscarded()) {
                joined = factory.get();
            }
            return joined;
        }

        @Override
        public void beforeCompletion(Runnable action) {
            synchronized (this) {
                if (!completing) {
                    if (beforeActions.isEmpty()) {
                        beforeActions = new ArrayList<>(2);
                    }
                    beforeActions.add(action);
                }
            }
        }

        @Override
        public void beforeCompletion() {
            List<Runnable> toRun;
            synchronized (this) {
                completing = true;
                toRun = beforeActions;
                beforeActions = List.of();
            }
            for (Runnable action : toRun) {
                action.run(); // a failure propagates: the transaction rolls back
            }
        }

        @Override
        public void afterCompletion(int outcome) {
            List<Consumer<Status>> toRun;
            synchronized (this) {
                status = outcome == jakarta.transaction.Status.STATUS_COMMITTED ? Status.COMMITTED : Status.ROLLED_BACK;
                toRun = actions;
                actions = List.of(); // whenComplete no longer adds: the status is final
            }
            pending.remove(transactionKey, this);
            // Actions added while these run (a batch deferred again) see the final status and run at once.
            for (Consumer<Status> action : toRun) {
                try {
                    action.accept(status);
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.SEVERE, "airlock work after completion of transaction " + transactionKey + " failed", e);
                }
            }
        }

        @Override
        public String toString() {
            return "transaction " + transactionKey + " (" + status + ")";
        }
    }
}
