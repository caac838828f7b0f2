package com.example.shop.clean;

import com.example.shop.Mailer;
import com.example.shop.Warehouse;
import io.airlock.Airlock;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.jms.JMSContext;
import java.util.concurrent.ExecutorService;

/** Everything here goes through airlock, or is not a side effect airlock manages. */
public class EnqueuesItsEffects {

    String checkout(Mailer mailer, JMSContext context, ManagedExecutorService managed, ExecutorService plain) {
        Airlock.get().enqueue(Warehouse::reserveStock, 42L);     // a method reference is not a call
        Airlock.get().enqueue(Mailer::sendConfirmation, 42L);
        context.createProducer().setDeliveryDelay(1000);          // configuring is not sending
        managed.isShutdown();                                     // asking is not submitting
        plain.submit(() -> { });                                  // not a ManagedExecutorService
        return mailer.format(42L) + Warehouse.sku(42L);           // not tasks: an undeclared and a static method
    }
}
