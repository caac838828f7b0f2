package io.airlock.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.Airlock;
import io.airlock.Airlocked;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.cdi.fixtures.RecordingMailer;
import io.airlock.internal.interceptor.AirlockedExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code @Airlocked} and {@code @Transactional} in either order: dispatch only after commit, nothing on rollback. */
@ExtendWith(WeldJunit5Extension.class)
class AirlockedTransactionTest {

    @ApplicationScoped
    public static class Payments {
        @Inject
        Airlock airlock;
        @Inject
        TransactionSynchronizationRegistry registry;

        @Transactional
        public void charge(String to, boolean fail, boolean rollbackOnly) {
            airlock.enqueue(RecordingMailer::send, to);
            if (rollbackOnly) {
                registry.setRollbackOnly();
            }
            if (fail) {
                throw new IllegalStateException("declined");
            }
        }

        /** Both on one method: the airlock interceptor runs inside the transaction interceptor. */
        @Airlocked
        @Transactional
        public void chargeInOneMethod(String to, boolean rollbackOnly) {
            airlock.enqueue(RecordingMailer::send, to);
            if (rollbackOnly) {
                registry.setRollbackOnly();
            }
        }
    }

    @ApplicationScoped
    public static class Receipts {
        @Inject
        Airlock airlock;

        @Airlocked
        public void send(String to) {
            airlock.enqueue(RecordingMailer::send, to);
        }
    }

    /** @Airlocked outside: calls a @Transactional bean. */
    @ApplicationScoped
    public static class CheckoutOutside {
        @Inject
        Payments payments;
        @Inject
        Airlock airlock;

        @Airlocked
        public void checkout(String to, boolean fail, boolean rollbackOnly, boolean catchFailure) {
            try {
                payments.charge(to, fail, rollbackOnly);
            } catch (IllegalStateException e) {
                if (!catchFailure) {
                    throw e;
                }
                airlock.enqueue(RecordingMailer::send, "apology");
            }
        }
    }

    /** @Airlocked inside: a @Transactional method calls an @Airlocked bean. */
    @ApplicationScoped
    public static class CheckoutInside {
        @Inject
        Receipts receipts;
        @Inject
        TransactionSynchronizationRegistry registry;

        @Transactional
        public void checkout(String to, boolean rollbackOnly) {
            receipts.send(to);
            if (rollbackOnly) {
                registry.setRollbackOnly();
            }
        }
    }

    @WeldSetup
    public WeldInitiator weld = WeldInitiator.from(AirlockWeld.weld(Payments.class, Receipts.class, CheckoutOutside.class, CheckoutInside.class)
            .addExtension(new AirlockedExtension())).build();

    @Inject
    CheckoutOutside outside;
    @Inject
    CheckoutInside inside;
    @Inject
    Payments payments;
    @Inject
    Recorder recorder;

    @Test
    void airlockedOutsideATransactionDispatchesAfterCommit() {
        outside.checkout("a", false, false, false);
        assertEquals(List.of("send(a)"), recorder.calls());
    }

    @Test
    void airlockedOutsideDropsARolledBackTransactionEvenWhenTheFailureIsCaught() {
        outside.checkout("a", true, false, true);
        assertEquals(List.of("send(apology)"), recorder.calls());
    }

    @Test
    void airlockedOutsideDropsARollbackOnlyTransaction() {
        outside.checkout("a", false, true, false);
        assertEquals(List.of(), recorder.calls());
    }

    @Test
    void airlockedOutsideDiscardsOnAnEscapingException() {
        assertThrows(IllegalStateException.class, () -> outside.checkout("a", true, false, false));
        assertEquals(List.of(), recorder.calls());
    }

    @Test
    void airlockedInsideATransactionDispatchesAfterCommit() {
        inside.checkout("b", false);
        assertEquals(List.of("send(b)"), recorder.calls(), "dispatched after commit, not inside the transaction");
    }

    @Test
    void airlockedInsideDropsOnRollback() {
        inside.checkout("b", true);
        assertEquals(List.of(), recorder.calls());
    }

    @Test
    void bothOnOneMethod() {
        payments.chargeInOneMethod("c", false);
        payments.chargeInOneMethod("d", true);
        assertEquals(List.of("send(c)"), recorder.calls());
    }
}
