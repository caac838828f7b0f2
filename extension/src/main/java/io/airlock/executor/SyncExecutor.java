package io.airlock.executor;

import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.IntentExecutor;

/**
 * Runs the task on the thread that dispatches: at flush, or right after commit. The default executor.
 *
 * <p>Of the dispatch options it honours only {@code timeToLive} (the task runs when it is dispatched, within any time
 * to live); an intent with any other well-known option is refused at enqueue (see {@link IntentExecutor#honours}).
 */
public final class SyncExecutor implements IntentExecutor {

    public static final SyncExecutor INSTANCE = new SyncExecutor();

    @Override
    public void execute(Intent intent) throws Exception {
        intent.invoke();
    }

    @Override
    public boolean honours(String option, Intent intent) {
        return DispatchOptions.TIME_TO_LIVE.equals(option);
    }

    @Override
    public String toString() {
        return "sync";
    }
}
