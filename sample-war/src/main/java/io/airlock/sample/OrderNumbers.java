package io.airlock.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Order numbers without gaps: a counter row, locked and incremented in the transaction that creates the order.
 * A database sequence would hand out numbers that a rolled-back transaction never gives back: the dry-run
 * import would take the next three, and the following checkout would be order 6 instead of 3.
 */
@ApplicationScoped
public class OrderNumbers {

    @PersistenceContext
    EntityManager em;

    /** The next order number; other orders being created wait for this transaction to end. */
    @Transactional(TxType.MANDATORY)
    public long next() {
        OrderCounter counter = em.find(OrderCounter.class, "order", LockModeType.PESSIMISTIC_WRITE);
        if (counter == null) {
            throw new IllegalStateException("The SHOP_COUNTER row 'order' is missing: META-INF/shop-data.sql, named in persistence.xml, inserts it");
        }
        return counter.issue();
    }
}
