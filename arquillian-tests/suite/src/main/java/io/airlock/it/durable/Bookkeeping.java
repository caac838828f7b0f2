package io.airlock.it.durable;

import io.airlock.AirlockTask;
import io.airlock.Intent;
import io.airlock.it.support.Journal;
import io.airlock.it.support.Run;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The durable scenario's task: books a key (journal entry with its intent id), failing while the key is on the failing list. */
@ApplicationScoped
public class Bookkeeping {

    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    @Inject
    Journal journal;

    @AirlockTask
    public void book(String key) {
        if (failing.contains(key)) {
            throw new IllegalStateException("ledger down for " + key);
        }
        journal.add(Run.here(key, "book", Intent.running().map(Intent::id).orElse("no intent")));
    }

    public void failFor(String key, boolean fail) {
        if (fail) {
            failing.add(key);
        } else {
            failing.remove(key);
        }
    }
}
