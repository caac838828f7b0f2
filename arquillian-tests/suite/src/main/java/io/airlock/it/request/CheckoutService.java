package io.airlock.it.request;

import io.airlock.Airlock;
import io.airlock.it.support.Effects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** A transactional checkout called by the resource; no scope of its own: the request's scope buffers. */
@ApplicationScoped
public class CheckoutService {

    @Inject
    Airlock airlock;

    @Transactional
    public void checkout(String key, boolean fail) {
        airlock.enqueue(Effects::sendMail, key);
        if (fail) {
            throw new IllegalStateException("checkout " + key + " failed on purpose");
        }
    }
}
