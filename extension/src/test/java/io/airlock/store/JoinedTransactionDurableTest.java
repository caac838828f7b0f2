package io.airlock.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.Airlock;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.internal.cdi.Settings;
import io.airlock.store.fixtures.Ledger;
import io.airlock.store.fixtures.XaDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code airlock.no-scope=join-transaction} with the durable store: the transaction is the boundary, and its
 * intents are written in it, as it is about to commit, so they exist exactly when it commits.
 */
@ExtendWith(WeldJunit5Extension.class)
class JoinedTransactionDurableTest {

    @ApplicationScoped
    public static class Shop {
        @Inject
        Airlock airlock;

        @Transactional
        public void order(String entry, boolean fail) {
            airlock.enqueue(Ledger::record, entry);   // no scope: the transaction's own
            if (fail) {
                throw new IllegalStateException("declined");
            }
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Ledger.class, Shop.class);

    @Inject
    Shop shop;
    @Inject
    Ledger ledger;
    @Inject
    DurableIntents durable;

    static final XaDataSource DATABASE = XaDataSource.h2("joined");

    @BeforeAll
    static void configure() {
        AbstractDurableIntentsTest.use(DATABASE);
        System.setProperty(Settings.NO_SCOPE, "join-transaction");
    }

    @AfterAll
    static void unconfigure() {
        System.clearProperty(Settings.NO_SCOPE);
        AbstractDurableIntentsTest.unconfigure();
    }

    @BeforeEach
    void emptyTable() throws Exception {
        durable.find("x");   // the store is open, its table created
        AbstractDurableIntentsTest.sql("DELETE FROM AIRLOCK_INTENT");
    }

    @Test
    void theRowIsWrittenInTheTransactionItselfAndDispatchedAfterItCommits() {
        int before = DATABASE.transactionsJoined();
        shop.order("joined", false);
        assertEquals(before + 1, DATABASE.transactionsJoined(), "the row was written through the business transaction");
        assertEquals(List.of("joined"), ledger.entries());
        assertEquals(0, AbstractDurableIntentsTest.rows());
    }

    @Test
    void aRollbackLeavesNoRowAndSendsNothing() {
        assertThrows(IllegalStateException.class, () -> shop.order("rolled back", true));
        assertEquals(0, AbstractDurableIntentsTest.rows());
        assertEquals(List.of(), ledger.entries());
    }
}
