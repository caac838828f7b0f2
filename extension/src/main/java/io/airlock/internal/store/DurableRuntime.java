package io.airlock.internal.store;

import io.airlock.IntentExecutor;
import io.airlock.UsageException;
import io.airlock.internal.cdi.AirlockExtension;
import io.airlock.internal.jms.IntentCodec;
import io.airlock.store.DurableIntents;
import io.airlock.store.IntentState;
import io.airlock.store.StoredIntent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;

/**
 * The {@link DurableIntents} bean, registered by airlock's extension. When the application starts it opens
 * the store (so a missing or foreign table fails the deployment) and starts the relay on the server's
 * ManagedScheduledExecutorService; it stops the relay when the application stops.
 */
@ApplicationScoped
public class DurableRuntime implements DurableIntents {

    @Inject
    BeanManager beanManager;

    private ScheduledFuture<?> relay;

    private Durability durability() {
        Durability d = beanManager.getExtension(AirlockExtension.class).durability();
        if (d == null) {
            throw new UsageException("Durable intents are off: set airlock.store=jdbc (docs/durability.md).");
        }
        return d;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Durability d = beanManager.getExtension(AirlockExtension.class).durability();
        if (d == null) {
            return;
        }
        IntentCodec.requireImplementations(); // rows hold JSON: a missing JSON-P or JSON-B fails the deployment, named
        d.store(); // opens the table now: a missing or foreign one fails the deployment
        relay = Relay.start(d);
    }

    @PreDestroy
    void stop() {
        if (relay != null) {
            relay.cancel(false);
            Durability.LOG.log(Level.FINE, "airlock relay stopped");
        }
        Durability d = beanManager.getExtension(AirlockExtension.class).durability();
        if (d != null) {
            d.flushCompletions(); // a stop that is not a crash leaves nothing to dispatch twice
        }
    }

    @Override
    public IntentExecutor executor(String executorName) {
        return durability().executor(executorName);
    }

    @Override
    public List<StoredIntent> pending(int offset, int limit) {
        return durability().pending(offset, limit);
    }

    @Override
    public List<StoredIntent> failed(int offset, int limit) {
        return durability().failed(offset, limit);
    }

    @Override
    public Optional<StoredIntent> find(String id) {
        return durability().find(id);
    }

    @Override
    public long count(IntentState state) {
        return durability().count(state);
    }

    @Override
    public Optional<Instant> oldestPending() {
        return durability().oldestPending();
    }

    @Override
    public boolean resubmit(String id) {
        return durability().resubmit(id);
    }

    @Override
    public int resubmitAllFailed() {
        return durability().resubmitAllFailed();
    }

    @Override
    public int purgeCompleted(Duration olderThan) {
        return durability().purgeCompleted(olderThan);
    }

    @Override
    public int relayNow() {
        return durability().relayNow();
    }
}
