package io.airlock.executor;

import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.UndeliverableIntentException;
import io.airlock.internal.failure.FailureText;
import io.airlock.internal.failure.Suppressed;
import io.airlock.internal.observe.ExecutorName;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Sends each intent to the executor chosen for it: one of two by a predicate on the intent (its name, an
 * option, ...), or any of several by a function.
 *
 * <p>It keeps what its executors promise: a flush opens one batch of each executor that gets intents of it
 * (all of them before anything is dispatched, so each checks its intents first), and each intent dispatches
 * in the transaction exactly when the executor it is routed to would — a route between an in-transaction
 * and an after-commit executor sends the first kind at flush and the second after the commit.
 *
 * <p>The choice must depend on the intent alone: it is asked when an intent with a dispatch option is enqueued (the
 * executor it names must honour the option) and again at flush. A choice that throws, or names no executor, fails
 * with an {@link UndeliverableIntentException} naming the intent it failed for.
 */
public final class RoutingExecutor implements IntentExecutor {

    private final Function<Intent, IntentExecutor> choice;
    private final String description;

    public RoutingExecutor(Predicate<Intent> predicate, IntentExecutor whenTrue, IntentExecutor otherwise) {
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(whenTrue, "whenTrue");
        Objects.requireNonNull(otherwise, "otherwise");
        this.choice = intent -> predicate.test(intent) ? whenTrue : otherwise;
        this.description = "route(" + ExecutorName.of(whenTrue) + ", " + ExecutorName.of(otherwise) + ")";
    }

    /**
     * @param choice picks the executor of each intent; it must not return null, and must depend on the intent alone:
     *     it is asked when an intent with a dispatch option is enqueued (which executor must honour it) and again at
     *     flush (where the intent goes)
     * @param description what {@link #toString()} says
     */
    public RoutingExecutor(Function<Intent, IntentExecutor> choice, String description) {
        this.choice = Objects.requireNonNull(choice, "choice");
        this.description = Objects.requireNonNull(description, "description");
    }

    /**
     * The executor of {@code intent}. A choice that throws or gives none fails with an {@link UndeliverableIntentException}
     * naming that intent (and carrying the choice's failure as its cause), so a batch's report names the intent the
     * choice failed for, not the batch's first one.
     */
    private IntentExecutor target(Intent intent) {
        IntentExecutor target;
        try {
            target = choice.apply(intent);
        } catch (RuntimeException failed) {
            throw new UndeliverableIntentException(intent, description + " could not choose an executor for " + intent + " (id " + intent.id()
                    + "): its choice threw " + FailureText.of(failed), failed);
        }
        if (target == null) {
            throw new UndeliverableIntentException(intent, description + " chose no executor for " + intent + " (id " + intent.id()
                    + "): its choice returned null. Return an executor for every intent.", null);
        }
        return target;
    }

    @Override
    public void execute(Intent intent) throws Exception {
        target(intent).execute(intent);
    }

    @Override
    public boolean dispatchesInTransaction(Intent intent) {
        return target(intent).dispatchesInTransaction(intent);
    }

    /** As the executor the intent is routed to (the choice is made for the intent as it is at enqueue). */
    @Override
    public boolean honours(String option, Intent intent) {
        return target(intent).honours(option, intent);
    }

    @Override
    public Batch openBatch(List<Intent> intents) throws Exception {
        Map<IntentExecutor, List<Intent>> byExecutor = new LinkedHashMap<>();
        Map<Intent, IntentExecutor> routes = new IdentityHashMap<>();
        for (Intent intent : intents) {
            IntentExecutor target = target(intent);
            routes.put(intent, target);
            byExecutor.computeIfAbsent(target, t -> new ArrayList<>()).add(intent);
        }
        if (byExecutor.size() == 1) {
            return byExecutor.keySet().iterator().next().openBatch(intents);
        }
        Map<IntentExecutor, Batch> batches = new IdentityHashMap<>();
        List<Batch> opened = new ArrayList<>();
        try {
            for (Map.Entry<IntentExecutor, List<Intent>> e : byExecutor.entrySet()) {
                Batch batch = e.getKey().openBatch(List.copyOf(e.getValue()));
                batches.put(e.getKey(), batch);
                opened.add(batch);
            }
        } catch (Exception e) {
            try {
                closeAll(opened);
            } catch (Exception closing) {
                Suppressed.add(e, closing);
            }
            throw e;
        }
        return new Batch() {
            @Override
            public void execute(Intent intent) throws Exception {
                IntentExecutor target = routes.get(intent);
                if (target == null) {
                    target(intent).execute(intent); // not offered when the batch opened
                } else {
                    batches.get(target).execute(intent);
                }
            }

            @Override
            public void close() throws Exception {
                closeAll(opened);
            }
        };
    }

    /** Closes every batch, in order; the first failure is thrown with the later ones attached. */
    private static void closeAll(List<Batch> batches) throws Exception {
        Exception first = null;
        for (Batch batch : batches) {
            try {
                batch.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    Suppressed.add(first, e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
