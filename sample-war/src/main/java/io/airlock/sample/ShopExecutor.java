package io.airlock.sample;

import io.airlock.AirlockDefault;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.concurrent.ManagedIntentExecutor;
import io.airlock.jms.JmsIntentExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

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
        beforeDispatch(intent);
        route.execute(intent);
    }

    /** Keeps the route's batches (one JMS context per flush) and its per-intent transaction mode. */
    @Override
    public Batch openBatch(List<Intent> intents) throws Exception {
        Batch batch = route.openBatch(intents);
        return new Batch() {
            @Override
            public void execute(Intent intent) throws Exception {
                beforeDispatch(intent);
                batch.execute(intent);
            }

            @Override
            public void close() throws Exception {
                batch.close();
            }
        };
    }

    @Override
    public boolean dispatchesInTransaction(Intent intent) {
        return route.dispatchesInTransaction(intent);
    }

    private void beforeDispatch(Intent intent) {
        effects.pending(intent);
        if (forWarehouse(intent) && !warehouseLink.isUp()) {
            throw new IllegalStateException("the link to the warehouse is down");
        }
    }

    private static boolean forWarehouse(Intent intent) {
        return intent.targetType().filter(Warehouse.class::equals).isPresent();
    }

    @Override
    public String toString() {
        return "shop(" + route + ")";
    }
}
