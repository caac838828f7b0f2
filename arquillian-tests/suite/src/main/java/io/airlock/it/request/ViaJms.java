package io.airlock.it.request;

import io.airlock.Airlock;
import io.airlock.Airlocked;
import io.airlock.Intent;
import io.airlock.it.support.Effects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Work whose scope chose the JMS executor explicitly, called during an HTTP request. */
@ApplicationScoped
public class ViaJms {

    @Inject
    Airlock airlock;

    /** Returns the intent's id, by which the MDB notes the message. */
    @Airlocked(executor = "jms")
    public String record(String key) {
        Intent intent = airlock.enqueue(Effects::record, key);
        return intent.id();
    }
}
