package io.airlock.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** The shop's order service. */
@ApplicationScoped
public class Orders {

    @PersistenceContext
    EntityManager em;

    /** Thrown by the payment step, after the order has already enqueued its effects; rolls the checkout back. */
    public static class PaymentDeclinedException extends RuntimeException {
        PaymentDeclinedException(String message) {
            super(message);
        }
    }

    /** Puts a new order in the cart (its own transaction, so that a failed checkout still has an order to show). */
    @Transactional
    public Order create(String customer, String email, String item) {
        Order order = new Order(customer, email, item);
        em.persist(order);
        return order;
    }

    /**
     * Checks out: the order processes itself, which enqueues the confirmation email and the warehouse call.
     * They escape only after this transaction commits. With {@code paymentDeclined} the payment fails
     * <em>after</em> they were enqueued: the transaction rolls back, and nothing escapes.
     */
    @Transactional
    public Order checkout(long orderId, boolean paymentDeclined) {
        Order order = find(orderId);
        order.process();
        if (paymentDeclined) {
            throw new PaymentDeclinedException("payment declined for order " + orderId);
        }
        return order;
    }

    /** The admin's "process again": enqueues everything again; the caller decides what may escape. */
    @Transactional
    public Order reprocess(long orderId) {
        Order order = find(orderId);
        order.process();
        return order;
    }

    @Transactional
    public void markFailed(long orderId, String reason) {
        find(orderId).fail(reason);
    }

    public List<Order> all() {
        return em.createQuery("select o from Order o order by o.id desc", Order.class).getResultList();
    }

    private Order find(long orderId) {
        Order order = em.find(Order.class, orderId);
        if (order == null) {
            throw new jakarta.ws.rs.NotFoundException("no order " + orderId);
        }
        return order;
    }
}
