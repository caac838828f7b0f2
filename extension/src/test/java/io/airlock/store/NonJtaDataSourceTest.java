package io.airlock.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.internal.cdi.Settings;
import io.airlock.jms.fixtures.TestJndi;
import io.airlock.store.fixtures.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code airlock.store.datasource} names a datasource that takes no part in JTA (a plain H2 datasource here; a
 * {@code jta="false"} datasource on a server): inside a transaction its connection auto-commits, so a row written
 * there would be committed at once and outlive a rollback. The write is refused, naming the fix; outside a
 * transaction the same datasource serves, each flush's rows in a transaction of their own.
 */
@ExtendWith(WeldJunit5Extension.class)
class NonJtaDataSourceTest {

    static final String DS = "java:/test/airlock-non-jta";
    static JdbcDataSource plain;
    static final Map<String, String> SETTINGS = Map.of(Settings.STORE, "jdbc", Settings.STORE_DATASOURCE, DS, Settings.STORE_COMPLETION_DELAY, "0");

    @ApplicationScoped
    public static class Checkout {
        @Inject
        Airlock airlock;

        @Transactional
        public void order(String entry) {
            airlock.run(() -> airlock.enqueue(Ledger::record, entry));
        }

        @Transactional
        public void orderThenFail(String entry) {
            airlock.run(() -> airlock.enqueue(Ledger::record, entry));
            throw new IllegalArgumentException("payment declined");
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Ledger.class, Checkout.class);

    @Inject
    Airlock airlock;
    @Inject
    Checkout checkout;
    @Inject
    Ledger ledger;
    @Inject
    DurableIntents durable;

    @BeforeAll
    static void bind() {
        plain = new JdbcDataSource();
        plain.setURL("jdbc:h2:mem:non-jta;DB_CLOSE_DELAY=-1");
        plain.setUser("sa");
        TestJndi.install();
        TestJndi.bind(DS, plain);
        SETTINGS.forEach(System::setProperty);
    }

    @AfterAll
    static void release() {
        SETTINGS.keySet().forEach(System::clearProperty);
        TestJndi.uninstall();
    }

    @BeforeEach
    void emptyTable() throws Exception {
        durable.count(IntentState.PENDING); // the table exists
        try (Connection c = plain.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM AIRLOCK_INTENT");
        }
    }

    long rows() throws Exception {
        try (Connection c = plain.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM AIRLOCK_INTENT")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aFlushInATransactionIsRefusedNamingTheDatasourceAndTheFix() throws Exception {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> checkout.order("committed"));
        assertTrue(refused.getMessage().contains("not enlisted in JTA transactions"), refused.getMessage());
        assertTrue(refused.getMessage().contains("airlock.store.datasource"), refused.getMessage());
        assertEquals(0, rows());
        assertEquals(List.of(), ledger.entries());
    }

    @Test
    void aTransactionThatRollsBackLeavesNoRowToRun() throws Exception {
        assertThrows(RuntimeException.class, () -> checkout.orderThenFail("rolled back"));
        assertEquals(0, rows(), "no row outlived the rollback");
        assertEquals(0, durable.relayNow());
        assertEquals(List.of(), ledger.entries());
    }

    @Test
    void outsideATransactionTheDatasourceServes() throws Exception {
        airlock.run(() -> {
            airlock.enqueue(Ledger::record, "one");
            airlock.enqueue(Ledger::record, "two");
        });
        assertEquals(List.of("one", "two"), ledger.entries());
        assertEquals(0, rows());
    }
}
