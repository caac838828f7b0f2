package io.airlock.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Sends emails, in this sample by writing what it would have sent into the {@link Effect} table. Its tasks
 * run on the ManagedExecutorService (see {@link ShopExecutor}), in a transaction of their own.
 */
@ApplicationScoped
public class Mailer {

    @Inject
    EffectLog effects;

    @Transactional
    public void sendConfirmation(Long orderId, String email) {
        effects.escaped(orderId, "email", "sendConfirmation", "order confirmation sent to " + email);
    }

    @Transactional
    public void sendShippedNotice(Long orderId, String email) {
        effects.escaped(orderId, "email", "sendShippedNotice", "\"your order has shipped\" sent to " + email);
    }
}
