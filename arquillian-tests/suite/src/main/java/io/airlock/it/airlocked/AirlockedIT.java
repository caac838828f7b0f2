package io.airlock.it.airlocked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.it.Deployments;
import io.airlock.it.support.Journal;
import io.airlock.it.support.Keys;
import io.airlock.it.support.Run;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code @Airlocked} on a CDI bean and on a stateless EJB: flush on return, discard on exception,
 * {@code dontDiscardOn}, nesting captured by the outermost scope, with and without a transaction.
 * The executor is synchronous: whatever escapes has run when the call returns.
 */
@ExtendWith(ArquillianExtension.class)
class AirlockedIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.airlocked();
    }

    @Inject
    AirlockedBean bean;

    @Inject
    AirlockedEjb ejb;

    @Inject
    AirlockedTimers timers;

    @Inject
    Journal journal;

    @Test
    void flushOnReturn() {
        String b = Keys.unique("bean");
        assertFalse(bean.flushOnReturn(b), "dispatched before the method returned");
        assertTrue(journal.ran(b), "CDI bean: not dispatched on return");
        String e = Keys.unique("ejb");
        assertFalse(ejb.flushOnReturn(e), "dispatched before the method returned");
        assertTrue(journal.ran(e), "EJB: not dispatched on return");
    }

    @Test
    void discardOnException() throws Exception {
        String b = Keys.unique("bean");
        assertThrows(IllegalStateException.class, () -> bean.discardOnException(b));
        String e = Keys.unique("ejb");
        assertThrows(RuntimeException.class, () -> ejb.discardOnException(e));
        assertNeverRan(b, e);
    }

    @Test
    void dontDiscardOnStillFlushes() {
        String b = Keys.unique("bean");
        assertThrows(Partial.class, () -> bean.flushDespitePartial(b));
        assertTrue(journal.ran(b), "CDI bean: dontDiscardOn exception discarded the scope");
        String e = Keys.unique("ejb");
        assertThrows(Partial.class, () -> ejb.flushDespitePartial(e));
        assertTrue(journal.ran(e), "EJB: dontDiscardOn exception discarded the scope");
    }

    @Test
    void nestedScopeIsCapturedByTheOutermost() throws Exception {
        String b = Keys.unique("bean");
        assertFalse(bean.outer(b, false), "CDI bean: the inner scope's intent escaped before the outer scope flushed");
        assertEquals(List.of(b + "-inner", b + "-outer"), journal.order(b + "-inner", b + "-outer"));
        String e = Keys.unique("ejb");
        assertFalse(ejb.outer(e, false), "EJB: the inner scope's intent escaped before the outer scope flushed");
        assertEquals(List.of(e + "-inner", e + "-outer"), journal.order(e + "-inner", e + "-outer"));

        String bf = Keys.unique("bean-fail");
        assertThrows(IllegalStateException.class, () -> bean.outer(bf, true));
        String ef = Keys.unique("ejb-fail");
        assertThrows(RuntimeException.class, () -> ejb.outer(ef, true));
        assertNeverRan(bf + "-inner", bf + "-outer", ef + "-inner", ef + "-outer");
    }

    @Test
    void inTransactionDispatchesAfterCommitOnly() throws Exception {
        String b = Keys.unique("bean");
        assertFalse(bean.inTransaction(b, false));
        assertAfterCommit(journal.awaitRun(b));
        String e = Keys.unique("ejb");
        assertFalse(ejb.inTransaction(e, false));
        assertAfterCommit(journal.awaitRun(e));

        String bf = Keys.unique("bean-fail");
        assertThrows(IllegalStateException.class, () -> bean.inTransaction(bf, true));
        String ef = Keys.unique("ejb-fail");
        assertThrows(RuntimeException.class, () -> ejb.inTransaction(ef, true));
        assertNeverRan(bf, ef);
    }

    @Test
    void transactionAroundAirlockedCall() throws Exception {
        String ok = Keys.unique("commit");
        assertFalse(bean.aroundAirlocked(ok, false), "the inner scope dispatched inside the transaction");
        assertAfterCommit(journal.awaitRun(ok));
        String fail = Keys.unique("rollback");
        assertThrows(IllegalStateException.class, () -> bean.aroundAirlocked(fail, true));
        assertNeverRan(fail);
    }

    @Test
    void scopeAroundTransactionsKeepsOnlyWhatCommitted() throws Exception {
        String key = Keys.unique("around");
        bean.aroundFailedTransaction(key);
        assertTrue(journal.ran(key + "-outside"), "the intent enqueued outside any transaction did not escape");
        assertTrue(journal.ran(key + "-committed"), "the intent of the committed transaction did not escape");
        assertNeverRan(key + "-inside");
    }

    @Test
    void privateTimeoutCallbackRunsInAScopeOfItsOwn() throws Exception {
        String key = Keys.unique("timer");
        timers.start(key);
        assertAfterCommit(journal.awaitRun(key));
        assertFalse(journal.ran(key + "-early"), "the timeout callback's intent ran before the callback returned: no scope was opened");
    }

    private void assertAfterCommit(Run run) {
        assertTrue(run.txStatus() != Status.STATUS_ACTIVE && run.txStatus() != Status.STATUS_MARKED_ROLLBACK,
                () -> "dispatched while the transaction was still active: status " + run.txStatus());
    }

    private void assertNeverRan(String... keys) throws InterruptedException {
        journal.await("never", Duration.ofMillis(200));
        for (String key : keys) {
            assertFalse(journal.ran(key), () -> key + " escaped");
        }
    }
}
