package io.airlock.docs.readme;

import io.airlock.Airlock;
import io.airlock.docs.shop.Order;
import io.airlock.docs.shop.Warehouse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

// tag::checkout[]
@ApplicationScoped
public class CheckoutService {
    @Inject Airlock airlock;
    @PersistenceContext EntityManager em;

    @Transactional
    public void checkout(long orderId) {
        Order order = em.find(Order.class, orderId);
        order.process();                                        // enqueues from the entity itself
        airlock.enqueue(Warehouse::reserveStock, orderId);      // and from the service
    }                                                           // nothing is sent unless the commit succeeds
}
// end::checkout[]
