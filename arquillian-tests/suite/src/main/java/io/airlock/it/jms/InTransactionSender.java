package io.airlock.it.jms;

import io.airlock.Airlock;
import io.airlock.it.support.Effects;
import io.airlock.jms.JmsIntentExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The JMS executor in its in-transaction mode: the flush sends inside the JTA transaction through the
 * platform's connection factory (enlisted, XA), so the broker delivers only if the transaction commits.
 */
@ApplicationScoped
public class InTransactionSender {

    private final JmsIntentExecutor inTransaction = JmsIntentExecutor.builder()
            .mode(JmsIntentExecutor.Mode.IN_TRANSACTION)
            .queueName(AirlockTasksMdb.QUEUE)
            .build();

    @Inject
    Airlock airlock;

    /**
     * Sends inside the transaction, then keeps it open a while: a message delivered before the commit would
     * run meanwhile.
     *
     * @return when the transaction's work ended, just before the commit
     */
    @Transactional
    public long send(String key, boolean fail) throws InterruptedException {
        airlock.scope().executor(inTransaction).run(() -> airlock.enqueue(Effects::record, key));
        Thread.sleep(500);
        if (fail) {
            throw new IllegalStateException("transaction " + key + " fails on purpose");
        }
        return System.currentTimeMillis();
    }
}
