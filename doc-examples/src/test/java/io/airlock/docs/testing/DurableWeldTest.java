package io.airlock.docs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.arjuna.ats.jta.cdi.TransactionExtension;
import com.arjuna.ats.jta.common.jtaPropertyManager;
import io.airlock.Airlock;
import io.airlock.AirlockTask;
import io.airlock.internal.cdi.AirlockExtension;
import io.airlock.store.DurableIntents;
import io.airlock.store.IntentState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.naming.Context;
import org.h2.jdbcx.JdbcDataSource;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/testing.md, "Durable intents in a weld-junit5 test": the store in a weld-junit5 test with Narayana's CDI
 * extension, a JNDI of its own, JSON-P and JSON-B implementations on the test classpath, and no scheduler, so the
 * test drives the relay and waits for the state it expects.
 */
@EnableAutoWeld
@AddExtensions({AirlockExtension.class, TransactionExtension.class})
@AddBeanClasses(DurableWeldTest.Flaky.class)
class DurableWeldTest {

    /** A task whose first two attempts fail. */
    @ApplicationScoped
    public static class Flaky {
        static final AtomicInteger ATTEMPTS = new AtomicInteger();
        static final List<String> DONE = new CopyOnWriteArrayList<>();

        @AirlockTask
        public void reserveStock(Long orderId) {
            if (ATTEMPTS.incrementAndGet() <= 2) {
                throw new IllegalStateException("warehouse link is down");
            }
            DONE.add("reserveStock(" + orderId + ")");
        }
    }

    @BeforeAll
    static void bind() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:airlock-doc-durable;DB_CLOSE_DELAY=-1");
        // tag::bind[]
        MapJndi.bind("java:comp/DefaultDataSource", dataSource);              // airlock.store.datasource's default
        // once a JNDI provider exists, Narayana's CDI beans look the transaction manager and registry up in it
        MapJndi.bind("java:/TransactionManager", com.arjuna.ats.jta.TransactionManager.transactionManager());
        MapJndi.bind("java:/TransactionSynchronizationRegistry",
                jtaPropertyManager.getJTAEnvironmentBean().getTransactionSynchronizationRegistry());
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, MapJndi.class.getName());
        System.setProperty("airlock.store", "jdbc");
        // end::bind[]
        System.setProperty("airlock.store.backoff.initial", "200ms");
        System.setProperty("airlock.store.backoff.max", "200ms");
    }

    @AfterAll
    static void unbind() {
        for (String key : List.of(Context.INITIAL_CONTEXT_FACTORY, "airlock.store", "airlock.store.backoff.initial", "airlock.store.backoff.max")) {
            System.clearProperty(key);
        }
    }

    @Inject
    Airlock airlock;
    @Inject
    DurableIntents durable;
    @Inject
    TransactionManager transactions;   // a bean of Narayana's extension, as the registry is; a UserTransaction is not

    @Test
    void retriesRunWhenTheTestDrivesTheRelay() throws Exception {
        String id = airlock.call(() -> airlock.enqueue(Flaky::reserveStock, 42L)).id();   // first attempt fails at the flush
        assertEquals(1, Flaky.ATTEMPTS.get());
        java.time.Instant due = durable.find(id).orElseThrow().nextAttemptAt();
        int relayed = durable.relayNow();
        if (java.time.Instant.now().isBefore(due)) { // a busy machine may have taken longer than the backoff already
            assertEquals(0, relayed, "nothing is due while the backoff runs");
        }
        // tag::relayUntil[]
        relayUntil(() -> durable.find(id).isEmpty(), Duration.ofSeconds(10));   // done: its row is gone
        // end::relayUntil[]
        assertEquals(List.of("reserveStock(42)"), Flaky.DONE);
        assertEquals(3, Flaky.ATTEMPTS.get());
        assertEquals(0, durable.count(IntentState.PENDING));
    }

    // tag::relayUntilMethod[]
    /** Runs relay passes until {@code done}: relayNow() returns 0 while every pending intent waits for its backoff. */
    void relayUntil(BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not reached within " + timeout);
            }
            durable.relayNow();
            Thread.sleep(20);
        }
    }
    // end::relayUntilMethod[]
}
