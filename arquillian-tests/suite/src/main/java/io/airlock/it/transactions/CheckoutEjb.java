package io.airlock.it.transactions;

import io.airlock.Airlock;
import io.airlock.it.support.Effects;
import io.airlock.it.support.Journal;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The same as {@link Checkout} in a stateless EJB: container-managed transactions (REQUIRED). */
@Stateless
public class CheckoutEjb {

    @Inject
    Airlock airlock;

    @Inject
    Journal journal;

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    public boolean commit(String id) {
        place(id);
        return journal.ran(id) || journal.ran(id + "-ejb");
    }

    public void fail(String id) {
        place(id);
        throw new IllegalStateException("checkout " + id + " failed on purpose");
    }

    public void rollbackOnly(String id) {
        place(id);
        context.setRollbackOnly();
    }

    private void place(String id) {
        Purchase purchase = new Purchase(id, "book");
        em.persist(purchase);
        em.flush();
        purchase.place();
        airlock.enqueue(Effects::record, id + "-ejb");
    }
}
