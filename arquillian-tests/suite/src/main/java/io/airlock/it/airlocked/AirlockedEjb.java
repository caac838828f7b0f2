package io.airlock.it.airlocked;

import io.airlock.Airlock;
import io.airlock.Airlocked;
import io.airlock.it.support.Effects;
import io.airlock.it.support.Journal;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * {@code @Airlocked} on a stateless EJB: without a transaction ({@code NOT_SUPPORTED}, the class default
 * here) and inside a container-managed one ({@code REQUIRED}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AirlockedEjb {

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

    @Airlocked
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public boolean inTransaction(String key, boolean fail) {
        airlock.enqueue(Effects::record, key);
        if (fail) {
            throw new IllegalStateException("fails on purpose");
        }
        return journal.ran(key);
    }
}
