package io.airlock.it.defaults;

import io.airlock.AirlockDefault;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.it.support.Journal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;

/** The application's default executor, a bean of the WAR: runs each intent here and counts them. */
@AirlockDefault
@ApplicationScoped
public class AppExecutor implements IntentExecutor {

    @Inject
    Journal journal;

    private final AtomicInteger executed = new AtomicInteger();

    @Override
    public void execute(Intent intent) throws Exception {
        if (journal == null) {
            throw new IllegalStateException("AppExecutor was created without CDI: its @Inject fields are empty");
        }
        executed.incrementAndGet();
        intent.invoke();
    }

    public int executed() {
        return executed.get();
    }
}
