package io.airlock.it.airlocked;

import io.airlock.Airlock;
import io.airlock.Airlocked;
import io.airlock.it.support.Effects;
import io.airlock.it.support.Journal;
import io.airlock.it.support.Run;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;

/**
 * {@code @Airlocked} on a private EJB timeout callback: the container calls it itself, through
 * {@code @AroundTimeout}, so the deployment accepts it (a private business method would fail it), and the callback
 * runs in a scope of its own that flushes when it returns, inside the callback's container-managed transaction.
 */
@Singleton
public class AirlockedTimers {

    @Resource
    TimerService timers;

    @Inject
    Airlock airlock;

    @Inject
    Journal journal;

    /** Starts a timer whose callback enqueues {@code key}; it records {@code key-early} if the intent ran before the callback returned. */
    public void start(String key) {
        timers.createSingleActionTimer(1, new TimerConfig(key, false));
    }

    @Airlocked
    @Timeout
    private void fire(Timer timer) {
        String key = (String) timer.getInfo();
        airlock.enqueue(Effects::record, key);
        if (journal.ran(key)) {
            journal.add(Run.here(key + "-early", "record", null));
        }
    }
}
