package io.airlock.sample;

import io.airlock.Airlock;
import io.airlock.Airlocked;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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

    /** Ships every processed order processed before {@code cutoff}; returns how many. */
    public int shipProcessedBefore(Instant cutoff) {
        List<Order> due = em.createQuery("select o from Order o where o.status = :s and o.processedAt <= :cutoff order by o.id", Order.class)
                .setParameter("s", Order.Status.PROCESSED).setParameter("cutoff", cutoff).getResultList();
        for (Order order : due) {
            order.ship();
            airlock.enqueue(Mailer::sendShippedNotice, order.getId(), order.getEmail());
        }
        return due.size();
    }
}
