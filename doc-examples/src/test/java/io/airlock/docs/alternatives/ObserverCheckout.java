package io.airlock.docs.alternatives;

import io.airlock.docs.shop.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** docs/alternatives.md: the plain CDI way, a transactional observer. */
public class ObserverCheckout {

    public record OrderPlaced(long orderId, String email) {
    }

    // tag::observer[]
    @ApplicationScoped
    public static class Checkout {
        @Inject Event<OrderPlaced> events;

        @Transactional
        public void checkout(long orderId, String email) {
            events.fire(new OrderPlaced(orderId, email));      // observed after the commit, or never
        }
    }

    @ApplicationScoped
    public static class Confirmations {
        @Inject Mailer mailer;

        void send(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderPlaced placed) {
            mailer.sendConfirmation(placed.orderId(), placed.email());
        }
    }
    // end::observer[]
}
