package io.airlock.it.transactions;

import io.airlock.Airlock;
import io.airlock.it.support.Effects;
import io.airlock.it.support.Journal;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * A CDI bean with {@code @Inject Airlock}. No scope of its own: the WAR sets
 * {@code airlock.no-scope=join-transaction}, so the JTA transaction is the boundary.
 */
@ApplicationScoped
public class Checkout {

    @Inject
    Airlock airlock;

    @Inject
    Journal journal;

    @PersistenceContext
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry tsr;

    /** @return whether any of the tasks had already run before the method returned (they must not) */
    @Transactional
    public boolean commit(String id) {
        place(id);
        return journal.ran(id) || journal.ran(id + "-bean");
    }

    @Transactional
    public void fail(String id) {
        place(id);
        throw new IllegalStateException("checkout " + id + " failed on purpose");
    }

    @Transactional
    public void rollbackOnly(String id) {
        place(id);
        tsr.setRollbackOnly();
    }

    /** Three intents; the second one's task fails after the commit, where no caller can catch it. */
    @Transactional
    public void commitWithFailingTask(String id) {
        airlock.enqueue(Effects::record, id + "-first");
        airlock.enqueue(Shipping::refuse, id);
        airlock.enqueue(Effects::record, id + "-never");
    }

    private void place(String id) {
        Purchase purchase = new Purchase(id, "book");
        em.persist(purchase);
        em.flush();
        purchase.place();
        airlock.enqueue(Effects::record, id + "-bean");
    }
}
