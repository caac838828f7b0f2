package io.airlock.executor;

import io.airlock.Intent;
import io.airlock.IntentExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Sends each intent to one of two executors, by a predicate on the intent (its name, an option, ...).
 *
 * <p>It keeps what both executors promise: a flush opens one batch of each executor that gets intents of
 * it (both before anything is dispatched, so each checks its intents first), and each intent dispatches in
 * the transaction exactly when the executor it is routed to would — a route between an in-transaction and
 * an after-commit executor sends the first kind at flush and the second after the commit.
 */
public final class RoutingExecutor implements IntentExecutor {

    private final Predicate<Intent> predicate;
    private final IntentExecutor whenTrue;
    private final IntentExecutor otherwise;

    public RoutingExecutor(Predicate<Intent> predicate, IntentExecutor whenTrue, IntentExecutor otherwise) {
        this.predicate = Objects.requireNonNull(predicate, "predicate");
        this.whenTrue = Objects.requireNonNull(whenTrue, "whenTrue");
        this.otherwise = Objects.requireNonNull(otherwise, "otherwise");
    }

    private IntentExecutor target(Intent intent) {
        return predicate.test(intent) ? whenTrue : otherwise;
    }

    @Override
    public void execute(Intent intent) throws Exception {
        target(intent).execute(intent);
    }

    @Override
    public boolean dispatchesInTransaction(Intent intent) {
        return target(intent).dispatchesInTransaction(intent);
    }

    @Override
    public Batch openBatch(List<Intent> intents) throws Exception {
        List<Intent> toTrue = new ArrayList<>();
        List<Intent> toOtherwise = new ArrayList<>();
        Map<Intent, Boolean> routes = new IdentityHashMap<>();
        for (Intent intent : intents) {
            boolean route = predicate.test(intent);
            routes.put(intent, route);
            (route ? toTrue : toOtherwise).add(intent);
        }
        Batch trueBatch = toTrue.isEmpty() ? null : whenTrue.openBatch(List.copyOf(toTrue));
        Batch otherBatch;
        try {
            otherBatch = toOtherwise.isEmpty() ? null : otherwise.openBatch(List.copyOf(toOtherwise));
        } catch (Exception e) {
            if (trueBatch != null) {
                try {
                    trueBatch.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
        return new Batch() {
            @Override
            public void execute(Intent intent) throws Exception {
                Boolean route = routes.get(intent);
                Batch batch = route == null ? null : route ? trueBatch : otherBatch;
                if (batch == null) {
                    target(intent).execute(intent); // not offered when the batch opened
                } else {
                    batch.execute(intent);
                }
            }

            @Override
            public void close() throws Exception {
                try {
                    if (trueBatch != null) {
                        trueBatch.close();
                    }
                } finally {
                    if (otherBatch != null) {
                        otherBatch.close();
                    }
                }
            }
        };
    }

    @Override
    public String toString() {
        return "route(" + whenTrue + ", " + otherwise + ")";
    }
}
