package io.airlock;

import io.airlock.spi.TargetResolver;
import io.airlock.spi.TransactionBinding;
import java.util.List;

/**
 * What an intent shares with the intents enqueued beside it: the enqueuer's settings, the local policies in
 * force, the transaction and the target resolver. Consecutive enqueues of one thread share one instance (kept
 * in its {@link ThreadState}), so an intent holds one reference instead of four: a bulk import buffers a
 * million intents, and every byte an intent keeps is a byte the collector copies until the flush.
 */
record EnqueueContext(EnqueueSettings settings, List<Policy> localPolicies, TransactionBinding transaction, TargetResolver resolver) {

    /** This context if it has exactly these parts (by identity), or a new one. */
    EnqueueContext reuseOrCreate(EnqueueSettings s, List<Policy> policies, TransactionBinding tx, TargetResolver r) {
        return settings == s && localPolicies == policies && transaction == tx && resolver == r ? this
                : new EnqueueContext(s, policies, tx, r);
    }
}
