package io.airlock.executor;

import io.airlock.Intent;
import io.airlock.IntentExecutor;

/** Runs the task on the thread that dispatches: at flush, or right after commit. The default executor. */
public final class SyncExecutor implements IntentExecutor {

    public static final SyncExecutor INSTANCE = new SyncExecutor();

    @Override
    public void execute(Intent intent) throws Exception {
        intent.invoke();
    }

    @Override
    public String toString() {
        return "sync";
    }
}
