package io.airlock.it.support;

import io.airlock.AirlockTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The side effects the suite enqueues. Each records a {@link Run} under its key; the names differ so that
 * policies can tell them apart. Declared tasks ({@link AirlockTask}), so they may also travel over JMS.
 */
@ApplicationScoped
@AirlockTask
public class Effects {

    @Inject
    Journal journal;

    public void record(String key) {
        journal.add(Run.here(key, "record", null));
    }

    public void sendMail(String key) {
        journal.add(Run.here(key, "sendMail", null));
    }

    public void chargeCard(String key) {
        journal.add(Run.here(key, "chargeCard", null));
    }
}
