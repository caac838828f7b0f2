package io.airlock.testing.internal;

import io.airlock.Airlock;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import java.util.List;

/**
 * The executor of a test's scope: whatever executor is configured when the scope flushes, not when it
 * opened. A test (or a CDI container that starts after the scope opened) may configure another executor.
 */
public final class ConfiguredExecutor implements IntentExecutor {

    @Override
    public void execute(Intent intent) throws Exception {
        current().execute(intent);
    }

    @Override
    public Batch openBatch(List<Intent> intents) throws Exception {
        return current().openBatch(intents);
    }

    @Override
    public boolean dispatchesInTransaction(Intent intent) {
        return current().dispatchesInTransaction(intent);
    }

    private static IntentExecutor current() {
        return Airlock.get().configuration().executor();
    }

    @Override
    public String toString() {
        return "the configured executor (now " + current() + ")";
    }
}
