package io.airlock.crash;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The crash point armed in this server's life (none after a boot): an intent of that point's orders is held
 * there, its thread parked until the test kills the server. Intents dispatched by the relay after the restart
 * pass, since nothing is armed then.
 */
@ApplicationScoped
public class Holds {

    private static final Logger LOG = Logger.getLogger("io.airlock.crash");

    private volatile CrashPoint armed;
    private final AtomicInteger held = new AtomicInteger();

    public void arm(CrashPoint point) {
        armed = point;
        held.set(0);
    }

    /** How many intents are parked at the armed point. */
    public int held() {
        return held.get();
    }

    /** Parks the calling thread for good when {@code point} is armed and {@code key} is one of its orders. */
    public void holdIf(CrashPoint point, String key) {
        if (armed != point || !key.startsWith(point.prefix())) {
            return;
        }
        held.incrementAndGet();
        LOG.info("crash test: " + key + " held at " + point + ", waiting for kill -9");
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // a graceful shutdown would interrupt; the test kills instead. Keep holding.
            }
        }
    }
}
