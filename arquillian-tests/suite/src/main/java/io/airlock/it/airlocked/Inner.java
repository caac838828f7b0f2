package io.airlock.it.airlocked;

import io.airlock.Airlock;
import io.airlock.Airlocked;
import io.airlock.it.support.Effects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The inner side of nesting, and a transactional method called from inside a scope. */
@ApplicationScoped
public class Inner {

    @Inject
    Airlock airlock;

    @Airlocked
    public void work(String key) {
        airlock.enqueue(Effects::record, key);
    }

    @Transactional
    public void enqueueInTransaction(String key, boolean fail) {
        airlock.enqueue(Effects::record, key);
        if (fail) {
            throw new IllegalStateException("transaction " + key + " fails on purpose");
        }
    }
}
