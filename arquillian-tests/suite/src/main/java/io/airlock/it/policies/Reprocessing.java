package io.airlock.it.policies;

import io.airlock.Airlock;
import io.airlock.Airlocked;
import io.airlock.it.support.Effects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** A policy chosen by annotation, inside a transaction. */
@ApplicationScoped
public class Reprocessing {

    @Inject
    Airlock airlock;

    @Transactional
    @Airlocked(policy = NoMail.class)
    public void reprocess(String key) {
        airlock.enqueue(Effects::record, key);
        airlock.enqueue(Effects::sendMail, key);
        airlock.enqueue(Effects::chargeCard, key);
    }
}
