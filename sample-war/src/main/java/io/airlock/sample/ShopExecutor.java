package io.airlock.sample;

import io.airlock.AirlockDefault;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.concurrent.ManagedIntentExecutor;
import io.airlock.jms.JmsIntentExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * HOW the shop's intents run, the application's default executor ({@link AirlockDefault}): warehouse calls
 * travel over JMS to {@link ShopTaskListener}; everything else (the emails) runs on the server's
 * ManagedExecutorService. Before handing an intent on it writes a PENDING row, which the task settles.
 *
 * <p>For the outage demo the page can cut the {@link WarehouseLink}: dispatching a warehouse intent then fails,
 * and airlock reports it as a {@code DispatchFailure} event.
 */
@AirlockDefault
@ApplicationScoped
public class ShopExecutor implements IntentExecutor {

    static final String QUEUE = "java:app/jms/ShopTasks";

    private final IntentExecutor jms = JmsIntentExecutor.builder().queueName(QUEUE).build();
    private final IntentExecutor managed = ManagedIntentExecutor.builder().build();
    private final IntentExecutor route = IntentExecutor.route(ShopExecutor::forWarehouse, jms, managed);

    @Inject
    EffectLog effects;
    @Inject
    WarehouseLink warehouseLink;

    @Override
    public void execute(Intent intent) throws Exception {
        effects.pending(intent);
        if (forWarehouse(intent) && !warehouseLink.isUp()) {
            throw new IllegalStateException("the link to the warehouse is down");
        }
        route.execute(intent);
    }

    private static boolean forWarehouse(Intent intent) {
        return intent.targetType().filter(Warehouse.class::equals).isPresent();
    }

    @Override
    public String toString() {
        return "shop(" + route + ")";
    }
}
