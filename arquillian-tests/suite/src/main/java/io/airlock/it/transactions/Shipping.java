package io.airlock.it.transactions;

import io.airlock.it.support.Journal;
import io.airlock.it.support.Run;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The task the entity enqueues: records what it saw, then writes a row in a {@code @Transactional} method. */
@ApplicationScoped
public class Shipping {

    @Inject
    Journal journal;

    @Inject
    Store store;

    public void ship(String purchaseId) {
        Run seen = Run.here(purchaseId, "ship", null);
        String outcome;
        try {
            store.recordShipment(purchaseId);
            outcome = "stored";
        } catch (RuntimeException e) {
            outcome = "failed: " + e;
        }
        journal.add(new Run(seen.key(), seen.task(), seen.thread(), seen.txStatus(), seen.javaComp(), seen.millis(), outcome));
    }

    /** A task that always fails: what a dispatch failure after commit looks like. */
    public void refuse(String purchaseId) {
        throw new IllegalStateException("the carrier refused " + purchaseId);
    }
}
