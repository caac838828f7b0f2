package io.airlock.benchmarks;

import io.airlock.Airlock;
import io.airlock.EnqueueBench;
import io.airlock.Intent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.transaction.TransactionManager;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The comparison as a server has it: Weld SE with Narayana, every operation inside a real JTA transaction,
 * one side effect per operation, delivered after the commit.
 *
 * <ul>
 * <li>{@code eventFire}: {@code Event.fire} to an {@code AFTER_SUCCESS} observer; Weld registers one
 * synchronization with the transaction per event, and Narayana calls each after the commit;</li>
 * <li>{@code enqueue}: the injected {@code Airlock} inside a scope entered in the transaction; airlock binds
 * the scope's intents to the transaction once (one synchronization), and dispatches them after the commit
 * to the {@link Sink} bean, resolved from CDI.</li>
 * </ul>
 * Both commit every {@value EnqueueBench#BUFFER} operations, so the score of each includes its share of the
 * commit and of the delivery of every side effect.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class JtaEnqueueBench {

    private WeldContainer container;
    private TransactionManager transactions;
    private Airlock airlock;
    private Event<SideEffect> event;
    private final Long argument = 42L;
    private io.airlock.Scope scope;
    private int buffered;

    @Setup
    public void setUp(Blackhole blackhole) throws Exception {
        Sink.use(blackhole);
        container = Containers.startWithNarayana(SideEffectObserver.class);
        transactions = com.arjuna.ats.jta.TransactionManager.transactionManager();
        airlock = container.select(Airlock.class).get();
        event = container.select(new TypeLiteral<Event<SideEffect>>() { }).get();
        transactions.begin();
        scope = airlock.scope().open();
    }

    @TearDown
    public void tearDown() throws Exception {
        scope.exit();
        scope.discard();
        transactions.rollback();
        container.shutdown();
    }

    @Benchmark
    public Intent enqueue() throws Exception {
        if (++buffered == EnqueueBench.BUFFER) {
            buffered = 0;
            scope.exit();
            scope.flush(); // deferred: dispatched after the commit
            transactions.commit();
            transactions.begin();
            scope = airlock.scope().open();
        }
        return airlock.enqueue(Sink::accept, argument);
    }

    @Benchmark
    public void eventFire() throws Exception {
        if (++buffered == EnqueueBench.BUFFER) {
            buffered = 0;
            transactions.commit(); // the observers run now
            transactions.begin();
        }
        event.fire(new SideEffect(argument));
    }
}
