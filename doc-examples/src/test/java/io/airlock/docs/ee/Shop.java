package io.airlock.docs.ee;

import io.airlock.Airlock;
import io.airlock.Airlocked;
import io.airlock.docs.shop.Mailer;
import io.airlock.docs.shop.Payments;
import io.airlock.docs.shop.Warehouse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/** docs/jakarta-ee.md: @Airlocked and @Transactional together. */
@ApplicationScoped
public class Shop {
    @Inject Airlock airlock;
    @Inject TransactionSynchronizationRegistry registry;
    @Inject Receipts receipts;

    // tag::transactional[]
    @Airlocked          // the scope opens and flushes inside the transaction ...
    @Transactional      // ... and its intents are dispatched only after the commit
    public void checkout(long orderId, String email, boolean valid) {
        airlock.enqueue(Warehouse::reserveStock, orderId);
        airlock.enqueue(Mailer::sendConfirmation, orderId, email);
        receipts.issue(orderId);                  // REQUIRES_NEW: its own transaction, its own outcome
        if (!valid) {
            registry.setRollbackOnly();           // rolls back: reserveStock and the email are dropped
        }
    }
    // end::transactional[]

    @Airlocked
    @Transactional
    public void checkoutThenFail(long orderId) {
        airlock.enqueue(Warehouse::reserveStock, orderId);
        throw new IllegalStateException("payment declined");
    }

    @Airlocked
    public void captureAfterCommit(long orderId) {
        airlock.enqueue(Payments::capture, orderId);
    }
}
