package io.airlock.sample;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import java.time.Duration;
import java.time.Instant;

/** Every minute, ships the orders processed at least a minute ago (an EJB timer: no request, no scope of its own). */
@Singleton
public class ShippingClock {

    static final Duration GRACE = Duration.ofMinutes(1);

    @EJB
    ShippingBatch batch;

    @Schedule(hour = "*", minute = "*", second = "30", persistent = false)
    void tick() {
        batch.shipProcessedBefore(Instant.now().minus(GRACE));
    }
}
