package io.airlock.sample;

import io.airlock.AirlockTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Sends emails, in this sample by writing what it would have sent into the {@link Effect} table. Its tasks are
 * durable intents (see {@link ShopExecutor}): declared with {@link AirlockTask}, since the store's relay may run
 * them again after a failure or a restart, each in a transaction of its own.
 */
@ApplicationScoped
@AirlockTask
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
