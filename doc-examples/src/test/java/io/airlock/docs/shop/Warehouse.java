package io.airlock.docs.shop;

import io.airlock.AirlockTask;
import jakarta.enterprise.context.ApplicationScoped;

/** Reserves stock in a remote warehouse system: a side effect. */
@ApplicationScoped
public class Warehouse {

    @AirlockTask
    public void reserveStock(Long orderId) {
        Calls.record("reserveStock(" + orderId + ")");
    }
}
