package io.airlock.sample;

import io.airlock.AirlockDefault;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.jms.JmsIntentExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * HOW the shop's intents run, the application's default executor ({@link AirlockDefault}), which the durable
 * store wraps ({@code airlock.store=jdbc}): each intent is first a row of the shop's database, then warehouse
 * calls travel over JMS to {@link ShopTaskListener} and the emails are sent right after the commit (or by the
 * relay, retried with backoff, when sending failed). Before handing an intent on it writes a PENDING row,
 * which the task settles.
 *
 * <p>For the outage demo the page can cut the {@link WarehouseLink}: dispatching a warehouse intent then fails,
 * airlock reports each attempt as a {@code DispatchFailure} event, retries it, and keeps it as FAILED once its
 * retries are spent; the page offers to resubmit it.
 */
@AirlockDefault
@ApplicationScoped
public class ShopExecutor implements IntentExecutor {

    static final String QUEUE = "java:app/jms/ShopTasks";

    private final IntentExecutor jms = JmsIntentExecutor.builder().queueName(QUEUE).build();
    private final IntentExecutor route = IntentExecutor.route(ShopExecutor::forWarehouse, jms, IntentExecutor.sync());

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
