package io.airlock.docs.ee;

import io.airlock.Airlock;
import io.airlock.Airlocked;
import io.airlock.docs.shop.Mailer;
import io.airlock.docs.shop.Warehouse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

// tag::service[]
@ApplicationScoped
public class OrderService {
    @Inject Airlock airlock;

    @Airlocked                                     // one scope per call: flush on return, discard on exception
    public void placeOrder(long orderId, String email) {
        airlock.enqueue(Warehouse::reserveStock, orderId);
        airlock.enqueue(Mailer::sendConfirmation, orderId, email);
        if (email.isBlank()) {
            throw new IllegalArgumentException("no email");   // discards both intents
        }
    }
}
// end::service[]
