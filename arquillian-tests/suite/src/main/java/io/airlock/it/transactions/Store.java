package io.airlock.it.transactions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Database access, each method in a transaction ({@code REQUIRED}: joins one if the caller has one). */
@ApplicationScoped
public class Store {

    @PersistenceContext
    EntityManager em;

    @Transactional
    public boolean purchaseExists(String id) {
        return em.find(Purchase.class, id) != null;
    }

    /** Called by the task after commit: must start a transaction of its own, not join the completed one. */
    @Transactional
    public void recordShipment(String purchaseId) {
        em.persist(new Shipment(purchaseId, em.find(Purchase.class, purchaseId) != null));
    }

    @Transactional
    public Shipment shipment(String purchaseId) {
        return em.find(Shipment.class, purchaseId);
    }
}
