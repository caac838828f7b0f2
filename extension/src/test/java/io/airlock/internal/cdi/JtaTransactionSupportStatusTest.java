package io.airlock.internal.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.UsageException;
import io.airlock.spi.TransactionBinding;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value {@code getTransactionStatus} can return, and values JTA does not define, against a real
 * Narayana transaction whose reported status is replaced: the statuses a callback cannot see in Narayana
 * (prepared, unknown) are covered here as well as the rest. {@code TransactionStatusTest} reaches the others
 * for real. No status ever reads as "no transaction" except {@code STATUS_NO_TRANSACTION}, and committed.
 */
class JtaTransactionSupportStatusTest {

    private final TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
    private final TransactionSynchronizationRegistry real =
            com.arjuna.ats.jta.common.jtaPropertyManager.getJTAEnvironmentBean().getTransactionSynchronizationRegistry();
    private final Reporting registry = new Reporting(real);
    private final JtaTransactionSupport support = new JtaTransactionSupport(() -> registry, () -> tm);

    @BeforeEach
    void begin() throws Exception {
        tm.begin();
    }

    @AfterEach
    void rollback() throws Exception {
        if (tm.getTransaction() != null) {
            tm.rollback();
        }
    }

    static IntStream statuses() {
        return IntStream.of(Status.STATUS_ACTIVE, Status.STATUS_MARKED_ROLLBACK, Status.STATUS_PREPARED, Status.STATUS_COMMITTED,
                Status.STATUS_ROLLEDBACK, Status.STATUS_UNKNOWN, Status.STATUS_NO_TRANSACTION, Status.STATUS_PREPARING,
                Status.STATUS_COMMITTING, Status.STATUS_ROLLING_BACK, -1, 10, 42, Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void withoutABindingYet(int status) {
        registry.status = status;
        switch (status) {
            case Status.STATUS_NO_TRANSACTION, Status.STATUS_COMMITTED -> assertNull(support.current(), "nothing to wait for");
            case Status.STATUS_ACTIVE -> assertEquals(TransactionBinding.Status.ACTIVE, support.current().status());
            case Status.STATUS_MARKED_ROLLBACK, Status.STATUS_ROLLING_BACK, Status.STATUS_ROLLEDBACK -> {
                TransactionBinding binding = support.current();
                assertNotNull(binding, "a transaction that will not commit must not read as no transaction");
                assertEquals(TransactionBinding.Status.ROLLED_BACK, binding.status());
                boolean[] ran = {false};
                binding.whenComplete(outcome -> ran[0] = outcome == TransactionBinding.Status.COMMITTED);
                assertEquals(false, ran[0]);
            }
            default -> {
                UsageException e = assertThrows(UsageException.class, support::current);
                assertTrue(e.getMessage().contains(JtaTransactionSupport.statusName(status)), e.getMessage());
                assertTrue(e.getMessage().contains("before the transaction starts to complete"), e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void withABindingTheBindingDecides(int status) throws Exception {
        TransactionBinding bound = support.current();
        registry.status = status;
        // the transaction's key finds its binding before any status is asked: whatever the registry then reports
        // (even "no transaction", which a registry that still gives the transaction's key contradicts), work enqueued
        // now waits for the same outcome, and one registry call serves every enqueue after the first
        assertSame(bound, support.current(), "work enqueued now waits for the same outcome");
        registry.status = null;
        tm.rollback();
        assertEquals(TransactionBinding.Status.ROLLED_BACK, bound.status());
    }

    /** The registry of a real transaction, reporting the status the test sets. */
    private static final class Reporting implements TransactionSynchronizationRegistry {
        private final TransactionSynchronizationRegistry real;
        Integer status;

        Reporting(TransactionSynchronizationRegistry real) {
            this.real = real;
        }

        @Override
        public int getTransactionStatus() {
            return status != null ? status : real.getTransactionStatus();
        }

        @Override
        public Object getTransactionKey() {
            return real.getTransactionKey();
        }

        @Override
        public void putResource(Object key, Object value) {
            real.putResource(key, value);
        }

        @Override
        public Object getResource(Object key) {
            return real.getResource(key);
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            real.registerInterposedSynchronization(sync);
        }

        @Override
        public void setRollbackOnly() {
            real.setRollbackOnly();
        }

        @Override
        public boolean getRollbackOnly() {
            return real.getRollbackOnly();
        }
    }
}
