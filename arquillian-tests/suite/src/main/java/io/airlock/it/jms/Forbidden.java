package io.airlock.it.jms;

import io.airlock.it.support.Journal;
import io.airlock.it.support.Run;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A bean whose method is NOT declared as a task: a message naming it must be rejected, never run. */
@ApplicationScoped
public class Forbidden {

    @Inject
    Journal journal;

    public void detonate(String key) {
        journal.add(Run.here(key, "detonate", null));
    }
}
