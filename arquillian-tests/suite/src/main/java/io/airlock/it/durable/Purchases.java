package io.airlock.it.durable;

import io.airlock.Airlock;
import io.airlock.Intent;
import io.airlock.store.DurableIntents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Flushes a scope inside a transaction: with airlock.store=jdbc its intent is written in that transaction. */
@ApplicationScoped
public class Purchases {

    @Inject
    Airlock airlock;

    @Inject
    DurableIntents durable;

    /** What the transaction saw: the intent, and whether its row was already there before the commit. */
    public record Placed(Intent intent, boolean rowBeforeCommit) {
    }

    @Transactional
    public Placed place(String key, boolean fail) {
        Intent intent = airlock.call(() -> airlock.enqueue(Bookkeeping::book, key));
        boolean row = durable.find(intent.id()).isPresent();
        if (fail) {
            throw new IllegalStateException("purchase " + key + " failed on purpose");
        }
        return new Placed(intent, row);
    }
}
