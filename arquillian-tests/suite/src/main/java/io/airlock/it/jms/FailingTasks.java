package io.airlock.it.jms;

import io.airlock.AirlockTask;
import io.airlock.it.support.Journal;
import io.airlock.it.support.Run;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Tasks that fail on purpose, to exercise the receiver's {@code maxRetries} and dead-letter handling. Each
 * run is noted under {@code "attempt:" + key} first (the journal is not transactional, so a run whose
 * delivery is rolled back stays noted), with the attempt number as its info.
 */
@ApplicationScoped
@AirlockTask
public class FailingTasks {

    static final String ATTEMPT = "attempt:";

    @Inject
    Journal journal;

    /** Fails on its first {@code failures} runs; the run after them records {@code key}. */
    public void failFirst(String key, int failures) {
        int attempt = journal.runs(ATTEMPT + key).size() + 1;
        journal.add(Run.here(ATTEMPT + key, "failFirst", String.valueOf(attempt)));
        if (attempt <= failures) {
            throw new IllegalStateException("attempt " + attempt + " of " + key + " fails on purpose");
        }
        journal.add(Run.here(key, "failFirst", String.valueOf(attempt)));
    }
}
