package io.airlock.crash;

import io.airlock.Intent;
import io.airlock.IntentExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The application's executor ({@code airlock.executor=crashExecutor}), wrapped by the durable store: it runs
 * the task here, like {@code sync}, with two crash points around it. The store completes the row only after
 * {@link #execute} returns.
 */
@Named("crashExecutor")
@ApplicationScoped
public class CrashExecutor implements IntentExecutor {

    @Inject
    Holds holds;

    @Override
    public void execute(Intent intent) throws Exception {
        String key = String.valueOf(intent.args().get(0));
        holds.holdIf(CrashPoint.AFTER_COMMIT, key);
        IntentExecutor.sync().execute(intent);
        holds.holdIf(CrashPoint.AFTER_TASK, key);
    }
}
