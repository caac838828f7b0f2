package io.airlock.docs.durability;

import io.airlock.Airlock;
import io.airlock.Intent;
import io.airlock.docs.shop.Mailer;
import io.airlock.store.DurableIntents;
import io.airlock.store.StoredIntent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;

/** docs/durability.md: the operations API and a durable scope in code. Compiled, not run: it needs a server's datasource. */
@ApplicationScoped
public class DurableOperations {

    private static final Logger LOG = Logger.getLogger(DurableOperations.class.getName());

    @Inject
    Airlock airlock;
    @Inject
    DurableIntents durable;

    void durableScope(long orderId) {
        // tag::scope[]
        airlock.scope().executor(durable.executor("jms"))      // this scope's intents are durable, sent through the "jms" executor
               .run(() -> airlock.enqueue(Mailer::sendReminder, orderId));
        // end::scope[]
    }

    void operations() {
        // tag::operations[]
        List<StoredIntent> failed = durable.failed(0, 50);        // oldest first, with their history
        for (StoredIntent intent : failed) {
            LOG.warning(intent + " last failed with " + intent.lastError().orElse("?") + " after " + intent.history().size() + " attempts");
        }
        durable.resubmit(failed.get(0).id());                     // pending again, due now, its retries anew
        durable.resubmitAllFailed();
        // end::operations[]
    }

    // tag::idempotent[]
    public void sendReminder(Long orderId) {
        String key = Intent.running().orElseThrow().id();          // the same id on every delivery of this intent
        // ... pass key to the mail provider as its idempotency key, or record it and skip a second run
    }
    // end::idempotent[]
}
