package io.airlock.internal.store;

import io.airlock.concurrent.ManagedIntentExecutor;
import io.airlock.internal.cdi.Settings;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The relay: every {@code airlock.store.poll-interval}, on the server's ManagedScheduledExecutorService, it
 * claims the stored intents that are due (a retry whose time has come, an intent a dead instance left leased)
 * and hands each to the ManagedExecutorService, so that one slow or failing intent never holds up the others.
 */
final class Relay {

    private Relay() {
    }

    /** Starts the relay; null when the server has no ManagedScheduledExecutorService (then {@code relayNow()} runs it by hand). */
    static ScheduledFuture<?> start(Durability durability) {
        String scheduledName = Settings.get(Settings.MANAGED_SCHEDULED_EXECUTOR_SERVICE).orElse(ManagedIntentExecutor.DEFAULT_SCHEDULED_EXECUTOR_SERVICE);
        String workersName = Settings.get(Settings.MANAGED_EXECUTOR_SERVICE).orElse(ManagedIntentExecutor.DEFAULT_EXECUTOR_SERVICE);
        ManagedScheduledExecutorService scheduler;
        try {
            scheduler = (ManagedScheduledExecutorService) new InitialContext().lookup(scheduledName);
        } catch (NamingException | RuntimeException | LinkageError none) {
            Durability.LOG.log(Level.WARNING, "No ManagedScheduledExecutorService at {0}: the airlock relay does not run on its own, so failed and "
                    + "abandoned intents wait for DurableIntents.relayNow(). Set airlock.managed.scheduled-executor-service.", scheduledName);
            return null;
        }
        try {
            durability.dispatchOn((ManagedExecutorService) new InitialContext().lookup(workersName));
        } catch (NamingException | RuntimeException | LinkageError none) {
            Durability.LOG.log(Level.INFO, "No ManagedExecutorService at {0}: the relay dispatches on its own thread.", workersName);
        }
        durability.completeOn(scheduler);
        long every = durability.settings().pollInterval().toMillis();
        ScheduledFuture<?> future = scheduler.scheduleWithFixedDelay(() -> {
            try {
                durability.relayNow();
            } catch (RuntimeException | Error e) {
                Durability.LOG.log(Level.WARNING, "An airlock relay pass failed; the next one runs in " + every + " ms", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        Durability.LOG.log(Level.INFO, "airlock relay started: {0}, every {1} ms, lease {2}, owner {3}",
                new Object[] {durability, every, durability.settings().lease(), durability.owner()});
        return future;
    }
}
