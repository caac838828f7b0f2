package io.airlock.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;
import java.util.Locale;

/** The shop's order service. */
@ApplicationScoped
public class Orders {

    @PersistenceContext
    EntityManager em;
    @Inject
    OrderNumbers numbers;

    /** Thrown by the payment step, after the order has already enqueued its effects; rolls the checkout back. */
    public static class PaymentDeclinedException extends RuntimeException {
        PaymentDeclinedException(String message) {
            super(message);
        }
    }

    /** Puts a new order in the cart (its own transaction, so that a failed checkout still has an order to show). */
    @Transactional
    public Order create(String customer, String email, String item) {
        Order order = new Order(numbers.next(), customer, email, item);
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

    /**
     * The admin's "process again": enqueues everything again; the caller decides what may escape. Only a
     * processed order: a failed one was never paid, a shipped one has left the warehouse (409 otherwise). The order is
     * locked as it is read, so that a re-process or a shipping batch running at the same time waits and then sees what
     * this one did (a shipped order, one more run).
     */
    @Transactional
    public Order reprocess(long orderId) {
        Order order = find(orderId, LockModeType.PESSIMISTIC_WRITE);
        if (!order.canReprocess()) {
            throw new ClientErrorException("Order " + orderId + " is " + order.getStatus().name().toLowerCase(Locale.ROOT)
                    + ": only a processed order (paid, not yet shipped) can be processed again.", Status.CONFLICT);
        }
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
        return find(orderId, LockModeType.NONE);
    }

    private Order find(long orderId, LockModeType lock) {
        Order order = em.find(Order.class, orderId, lock);
        if (order == null) {
            throw new NotFoundException("There is no order " + orderId + ": GET /api/orders lists the orders.");
        }
        return order;
    }
}
