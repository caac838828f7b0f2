package io.airlock.executor;

import io.airlock.Intent;
import io.airlock.IntentExecutor;
import java.util.Objects;
import java.util.function.Predicate;

/** Sends each intent to one of two executors, by a predicate on the intent (its name, an option, ...). */
public final class RoutingExecutor implements IntentExecutor {

    private final Predicate<Intent> predicate;
    private final IntentExecutor whenTrue;
    private final IntentExecutor otherwise;

    public RoutingExecutor(Predicate<Intent> predicate, IntentExecutor whenTrue, IntentExecutor otherwise) {
        this.predicate = Objects.requireNonNull(predicate, "predicate");
        this.whenTrue = Objects.requireNonNull(whenTrue, "whenTrue");
        this.otherwise = Objects.requireNonNull(otherwise, "otherwise");
    }

    @Override
    public void execute(Intent intent) throws Exception {
        (predicate.test(intent) ? whenTrue : otherwise).execute(intent);
    }

    @Override
    public String toString() {
        return "route(" + whenTrue + ", " + otherwise + ")";
    }
}
