package io.airlock.it.support;

import io.airlock.Intent;
import io.airlock.IntentExecutor;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scenarios' executor beans: runs each intent here and counts them; refuses to run unless CDI created it
 * (its injections done), so that a test fails when airlock made the executor with {@code new}.
 */
public abstract class CountingExecutor implements IntentExecutor {

    @Inject
    Journal journal;

    private final AtomicInteger executed = new AtomicInteger();

    @Override
    public void execute(Intent intent) throws Exception {
        if (journal == null) {
            throw new IllegalStateException(getClass().getName() + " was created without CDI: its @Inject fields are empty");
        }
        executed.incrementAndGet();
        intent.invoke();
    }

    public int executed() {
        return executed.get();
    }
}
