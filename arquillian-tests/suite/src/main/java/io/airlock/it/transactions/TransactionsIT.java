package io.airlock.it.transactions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.DispatchFailure;
import io.airlock.NoScopeException;
import io.airlock.it.Deployments;
import io.airlock.it.support.Effects;
import io.airlock.it.support.Journal;
import io.airlock.it.support.Keys;
import io.airlock.it.support.Run;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code @Inject Airlock} in a CDI bean and a stateless EJB, the static entry point in a JPA entity, and the
 * JTA transaction as the boundary ({@code airlock.no-scope=join-transaction}): dispatch after commit, in a
 * state where the task can open a transaction of its own; nothing after a rollback.
 */
@ExtendWith(ArquillianExtension.class)
class TransactionsIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.transactions();
    }

    @Inject
    Airlock airlock;

    @Inject
    Checkout checkout;

    @Inject
    CheckoutEjb checkoutEjb;

    @Inject
    Store store;

    @Inject
    Journal journal;

    @Inject
    Failures failures;

    @Test
    void cdiBeanCommitDispatchesAfterCommit() throws Exception {
        String id = Keys.unique("cdi");
        assertFalse(checkout.commit(id), "a task ran before the commit");
        assertDispatchedAfterCommit(id, id + "-bean");
    }

    @Test
    void statelessEjbCommitDispatchesAfterCommit() throws Exception {
        String id = Keys.unique("ejb");
        assertFalse(checkoutEjb.commit(id), "a task ran before the commit");
        assertDispatchedAfterCommit(id, id + "-ejb");
    }

    @Test
    void exceptionRollsBackAndNothingIsDispatched() throws Exception {
        String bean = Keys.unique("cdi-fail");
        assertThrows(IllegalStateException.class, () -> checkout.fail(bean));
        String ejb = Keys.unique("ejb-fail");
        assertThrows(RuntimeException.class, () -> checkoutEjb.fail(ejb));
        assertNothingDispatched(bean, bean + "-bean", ejb, ejb + "-ejb");
    }

    @Test
    void setRollbackOnlyDispatchesNothing() throws Exception {
        String bean = Keys.unique("cdi-rollback-only");
        rollbackOnly(() -> checkout.rollbackOnly(bean));
        String ejb = Keys.unique("ejb-rollback-only");
        rollbackOnly(() -> checkoutEjb.rollbackOnly(ejb));
        assertNothingDispatched(bean, bean + "-bean", ejb, ejb + "-ejb");
    }

    @Test
    void aFailureAfterCommitReachesTheApplicationsObserver() throws Exception {
        String id = Keys.unique("after-commit-failure");
        checkout.commitWithFailingTask(id); // the failure happens after commit: nothing to catch here
        DispatchFailure failure = failures.await(id, Duration.ofSeconds(10))
                .orElseThrow(() -> new AssertionError("no DispatchFailure event reached the application's observer"));
        assertEquals("refuse", failure.failed().name());
        assertEquals(List.of(id + "-first"), failure.dispatched().stream().map(i -> i.args().get(0)).toList());
        assertEquals(List.of(id + "-never"), failure.notAttempted().stream().map(i -> i.args().get(0)).toList());
        assertTrue(failure.afterCompletion());
        assertTrue(journal.ran(id + "-first"));
        assertFalse(journal.ran(id + "-never"), "an intent after the failed one was attempted");
    }

    @Test
    void noScopeOutsideAnyTransactionOrScope() {
        NoScopeException e = assertThrows(NoScopeException.class, () -> airlock.enqueue(Effects::record, Keys.unique("none")));
        assertTrue(e.getMessage().contains("record"), () -> "message does not name the task: " + e.getMessage());
    }

    private void assertDispatchedAfterCommit(String purchaseId, String beanKey) throws Exception {
        Run bean = journal.awaitRun(beanKey);
        assertTrue(bean.outsideTransaction(), () -> "task ran with transaction status " + bean.txStatus()
                + " instead of outside the completed transaction");
        Run ship = journal.awaitRun(purchaseId);
        assertTrue(ship.outsideTransaction(), () -> "entity's task ran with transaction status " + ship.txStatus());
        assertEquals("stored", ship.info(), "the task dispatched after commit could not run a @Transactional method of its own");
        Shipment shipment = store.shipment(purchaseId);
        assertNotNull(shipment, "the row the task inserted in its own transaction was not committed");
        assertTrue(shipment.isPurchaseSeen(), "the task did not see the committed purchase row");
        assertTrue(store.purchaseExists(purchaseId));
    }

    private void assertNothingDispatched(String... keys) throws Exception {
        journal.await("never", Duration.ofMillis(300)); // dispatch is synchronous; a short grace anyway
        for (String key : keys) {
            assertFalse(journal.ran(key), () -> key + " was dispatched although its transaction rolled back");
            assertFalse(store.purchaseExists(key), () -> "purchase " + key + " was committed");
        }
    }

    /** A method that only marks the transaction: it returns normally or, on some servers, reports the rollback. */
    private static void rollbackOnly(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException rolledBack) {
            // the container may report the rollback to the caller; either way nothing may escape
        }
    }
}
