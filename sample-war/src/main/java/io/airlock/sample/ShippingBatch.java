package io.airlock.sample;

import io.airlock.Airlock;
import io.airlock.Airlocked;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The shipping batch, an EJB. {@link Airlocked} gives every call a scope of its own: the EJB timer
 * ({@link ShippingClock}) has no HTTP request around it, and without this annotation the enqueue would throw
 * {@code NoScopeException}. The scope flushes when the method returns, inside the EJB's transaction, so the
 * "shipped" emails escape after it commits.
 */
@Stateless
@Airlocked
public class ShippingBatch {

    @PersistenceContext
    EntityManager em;

    @Inject
    Airlock airlock;

    /**
     * Ships every processed order processed before {@code cutoff}; returns how many. The orders are locked as they are
     * read: a batch that runs at the same time (the timer and the button, or two clicks) waits for this one to commit and
     * then no longer finds them processed, so no order is shipped, and its customer emailed, twice.
     */
    public int shipProcessedBefore(Instant cutoff) {
        List<Order> due = em.createQuery("select o from Order o where o.status = :s and o.processedAt <= :cutoff order by o.id", Order.class)
                .setParameter("s", Order.Status.PROCESSED).setParameter("cutoff", cutoff).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        for (Order order : due) {
            order.ship();
            airlock.enqueue(Mailer::sendShippedNotice, order.getId(), order.getEmail());
        }
        return due.size();
    }
}
