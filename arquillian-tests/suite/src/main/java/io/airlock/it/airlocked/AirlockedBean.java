package io.airlock.it.airlocked;

import io.airlock.Airlock;
import io.airlock.Airlocked;
import io.airlock.it.support.Effects;
import io.airlock.it.support.Journal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** {@code @Airlocked} on a CDI bean. Methods return whether a task had already run inside them (it must not). */
@ApplicationScoped
public class AirlockedBean {

    @Inject
    Airlock airlock;

    @Inject
    Journal journal;

    @Inject
    Inner inner;

    @Airlocked
    public boolean flushOnReturn(String key) {
        airlock.enqueue(Effects::record, key);
        return journal.ran(key);
    }

    @Airlocked
    public void discardOnException(String key) {
        airlock.enqueue(Effects::record, key);
        throw new IllegalStateException("fails on purpose");
    }

    @Airlocked(dontDiscardOn = Partial.class)
    public void flushDespitePartial(String key) {
        airlock.enqueue(Effects::record, key);
        throw new Partial("partly done");
    }

    /** The inner scope's intents are captured by this (outermost) one: they escape when this one flushes. */
    @Airlocked
    public boolean outer(String key, boolean fail) {
        inner.work(key + "-inner");
        boolean innerEscaped = journal.ran(key + "-inner");
        airlock.enqueue(Effects::record, key + "-outer");
        if (fail) {
            throw new IllegalStateException("outer fails on purpose");
        }
        return innerEscaped;
    }

    /** Both on the same method: the scope flushes inside the transaction, dispatch waits for the commit. */
    @Transactional
    @Airlocked
    public boolean inTransaction(String key, boolean fail) {
        airlock.enqueue(Effects::record, key);
        if (fail) {
            throw new IllegalStateException("fails on purpose");
        }
        return journal.ran(key);
    }

    /** A transaction around an {@code @Airlocked} call: the inner scope flushes inside it. */
    @Transactional
    public boolean aroundAirlocked(String key, boolean fail) {
        inner.work(key);
        if (fail) {
            throw new IllegalStateException("fails on purpose");
        }
        return journal.ran(key);
    }

    /**
     * A scope around a transaction that fails and is caught: nothing of that transaction escapes, what the
     * scope buffered outside it does.
     */
    @Airlocked
    public void aroundFailedTransaction(String key) {
        airlock.enqueue(Effects::record, key + "-outside");
        try {
            inner.enqueueInTransaction(key + "-inside", true);
        } catch (IllegalStateException expected) {
            // caught: the scope flushes normally
        }
        inner.enqueueInTransaction(key + "-committed", false);
    }
}
