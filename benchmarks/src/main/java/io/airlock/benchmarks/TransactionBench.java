package io.airlock.benchmarks;

import io.airlock.Airlock;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The unit of work as an application has it: one real Narayana transaction carrying a few side effects
 * ({@code intents}: 1, 2 or 5, two arguments each), committed, and every side effect delivered after the
 * commit. Nothing is amortised: each operation is one whole transaction.
 *
 * <ul>
 * <li>{@code bareTransaction}: the transaction alone, and the calls made directly after its commit (what the
 * application would do by hand, losing them on a crash);</li>
 * <li>{@code emptySynchronization}: the bare transaction with one do-nothing interposed synchronization registered:
 * the floor under any after-commit mechanism;</li>
 * <li>{@code byHand}: the least a correct hand-written deferral does: one interposed synchronization registered
 * with the transaction, whose {@code afterCompletion} makes the calls if it committed, with the completed
 * transaction suspended around them (else a task that starts a transaction would join the completed one); the
 * price JTA itself asks of any after-commit mechanism;</li>
 * <li>{@code airlock}: a scope opened in the transaction, the intents enqueued, the scope flushed before the
 * commit (what {@code @Airlocked} on a transactional method does): one synchronization per transaction, the
 * intents dispatched after the commit through the sync executor to the {@link Sink} bean;</li>
 * <li>{@code events}: one {@code Event.fire} per side effect to an {@code AFTER_SUCCESS} observer.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class TransactionBench {

    @Param({"1", "2", "5"})
    public int intents;

    private WeldContainer container;
    private TransactionManager transactions;
    private TransactionSynchronizationRegistry registry;
    private Airlock airlock;
    private Sink sink;
    private Event<Shipment> event;
    private final Long order = 42L;
    private final String item = "book";

    @Setup
    public void setUp(Blackhole blackhole) {
        Sink.use(blackhole);
        container = Containers.startWithNarayana(SideEffectObserver.class);
        transactions = com.arjuna.ats.jta.TransactionManager.transactionManager();
        registry = com.arjuna.ats.jta.common.jtaPropertyManager.getJTAEnvironmentBean().getTransactionSynchronizationRegistry();
        airlock = container.select(Airlock.class).get();
        sink = container.select(Sink.class).get();
        event = container.select(new TypeLiteral<Event<Shipment>>() { }).get();
    }

    @TearDown
    public void tearDown() {
        container.shutdown();
    }

    @Benchmark
    public void bareTransaction() throws Exception {
        transactions.begin();
        transactions.commit();
        for (int i = 0; i < intents; i++) {
            sink.ship(order, item);
        }
    }

    /**
     * The floor under any after-commit mechanism on JTA: one interposed synchronization that does nothing, and the
     * calls made directly after the commit as in {@link #bareTransaction}. What this costs over the bare transaction
     * no deferral can avoid: JTA tells nothing about a commit but through a synchronization (or an enlisted resource,
     * dearer still).
     */
    @Benchmark
    public void emptySynchronization() throws Exception {
        transactions.begin();
        registry.registerInterposedSynchronization(NOTHING);
        transactions.commit();
        for (int i = 0; i < intents; i++) {
            sink.ship(order, item);
        }
    }

    private static final Synchronization NOTHING = new Synchronization() {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
        }
    };

    @Benchmark
    public void byHand() throws Exception {
        transactions.begin();
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    return;
                }
                try {
                    Transaction completed = transactions.suspend();
                    try {
                        for (int i = 0; i < intents; i++) {
                            sink.ship(order, item);
                        }
                    } finally {
                        if (completed != null) {
                            transactions.resume(completed);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        transactions.commit();
    }

    @Benchmark
    public void airlock() throws Exception {
        transactions.begin();
        io.airlock.Scope scope = airlock.scope().open();
        for (int i = 0; i < intents; i++) {
            airlock.enqueue(Sink::ship, order, item);
        }
        scope.exit();
        scope.flush(); // deferred to the commit
        transactions.commit();
    }

    @Benchmark
    public void events() throws Exception {
        transactions.begin();
        for (int i = 0; i < intents; i++) {
            event.fire(new Shipment(order, item));
        }
        transactions.commit();
    }
}
