package io.airlock.sample;

import io.airlock.AirlockTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The warehouse. Its calls travel as JMS messages (see {@link ShopExecutor}) to {@link ShopTaskListener}, whose
 * receiver runs only methods declared with {@link AirlockTask}.
 *
 * <p>The method is {@code notifyShipment}, not {@code notify}: {@code Warehouse::notify} would be ambiguous
 * with {@link Object#notify()}.
 */
@ApplicationScoped
public class Warehouse {

    @Inject
    EffectLog effects;

    @AirlockTask
    @Transactional
    public void notifyShipment(Long orderId, String item) {
        effects.escaped(orderId, "warehouse", "notifyShipment", "warehouse asked to ship " + item);
    }
}
