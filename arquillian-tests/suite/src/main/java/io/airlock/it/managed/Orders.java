package io.airlock.it.managed;

import io.airlock.Airlock;
import io.airlock.it.support.Effects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Flushes a scope inside a transaction; the managed executor gets the intent only after the commit. */
@ApplicationScoped
public class Orders {

    @Inject
    Airlock airlock;

    /**
     * Flushes, then keeps the transaction open a little: a task dispatched at flush would run meanwhile.
     *
     * @return when the transaction's work ended, just before the commit
     */
    @Transactional
    public long place(String key, boolean fail) throws InterruptedException {
        airlock.run(() -> airlock.enqueue(Effects::record, key));
        Thread.sleep(300);
        if (fail) {
            throw new IllegalStateException("order " + key + " failed on purpose");
        }
        return System.currentTimeMillis();
    }
}
