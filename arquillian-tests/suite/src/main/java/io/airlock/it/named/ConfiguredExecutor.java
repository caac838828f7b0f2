package io.airlock.it.named;

import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.it.support.Journal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.concurrent.atomic.AtomicInteger;

/** The executor {@code airlock.executor} names by its bean name: runs each intent here and counts them. */
@Named(ConfiguredExecutor.NAME)
@ApplicationScoped
public class ConfiguredExecutor implements IntentExecutor {

    public static final String NAME = "configuredExecutor";

    @Inject
    Journal journal;

    private final AtomicInteger executed = new AtomicInteger();

    @Override
    public void execute(Intent intent) throws Exception {
        if (journal == null) {
            throw new IllegalStateException("ConfiguredExecutor was created without CDI: its @Inject fields are empty");
        }
        executed.incrementAndGet();
        intent.invoke();
    }

    public int executed() {
        return executed.get();
    }
}
