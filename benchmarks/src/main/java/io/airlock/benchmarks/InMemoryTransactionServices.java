package io.airlock.benchmarks;

import jakarta.transaction.Synchronization;
import jakarta.transaction.UserTransaction;
import java.util.ArrayList;
import java.util.List;
import org.jboss.weld.transaction.spi.TransactionServices;

/**
 * Weld's transaction SPI without a transaction manager: the benchmark says whether a transaction is
 * "active", and registered synchronizations are only kept in a list (the benchmark drops them, as a
 * rollback that notifies nobody would). This measures what Weld itself does per event, not a transaction
 * manager's bookkeeping.
 */
public class InMemoryTransactionServices implements TransactionServices {

    /** Set once per trial, before the container is used; the benchmarks are single-threaded. */
    static boolean active;
    static List<Synchronization> registered = new ArrayList<>();

    @Override
    public void registerSynchronization(Synchronization synchronization) {
        registered.add(synchronization);
    }

    @Override
    public boolean isTransactionActive() {
        return active;
    }

    @Override
    public UserTransaction getUserTransaction() {
        return null;
    }

    @Override
    public void cleanup() {
    }
}
