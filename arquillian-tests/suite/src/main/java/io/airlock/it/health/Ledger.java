package io.airlock.it.health;

import io.airlock.AirlockTask;
import io.airlock.it.support.Journal;
import io.airlock.it.support.Run;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The readiness scenario's durable task: fails while the ledger is down, so its intent stays pending. */
@ApplicationScoped
public class Ledger {

    private volatile boolean down;

    @Inject
    Journal journal;

    @AirlockTask
    public void book(String key) {
        if (down) {
            throw new IllegalStateException("ledger down for " + key);
        }
        journal.add(Run.here(key, "book", null));
    }

    public void down(boolean down) {
        this.down = down;
    }
}
