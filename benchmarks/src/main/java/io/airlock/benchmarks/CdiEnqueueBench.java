package io.airlock.benchmarks;

import io.airlock.Airlock;
import io.airlock.EnqueueBench;
import io.airlock.Intent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.util.TypeLiteral;
import java.util.ArrayList;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * In Weld SE with airlock's CDI extension: one enqueue (the injected {@code Airlock}, CDI target
 * resolution checked at enqueue) against one {@code Event.fire} to a transactional
 * ({@code AFTER_SUCCESS}) observer, one event per side effect.
 *
 * <p>Weld is given {@link InMemoryTransactionServices}: in {@code eventFireInTransaction} it reports an
 * active transaction, so Weld defers the notification and registers one synchronization per event (the
 * analogue of buffering); in {@code eventFireNoTransaction} it reports none, so Weld notifies the observer
 * at once (the cheapest Event.fire there is). Every {@value EnqueueBench#BUFFER} operations each side
 * drops its buffer and starts a new one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class CdiEnqueueBench {

    private WeldContainer container;
    private Airlock airlock;
    private Event<SideEffect> event;
    private final Long argument = 42L;
    private io.airlock.Scope scope;
    private int buffered;

    @Setup
    public void setUp(Blackhole blackhole, BenchmarkParams params) {
        Sink.use(blackhole);
        InMemoryTransactionServices.active = params.getBenchmark().endsWith("InTransaction");
        container = Containers.start(SideEffectObserver.class);
        airlock = container.select(Airlock.class).get();
        event = container.select(new TypeLiteral<Event<SideEffect>>() { }).get();
        scope = airlock.scope().open();
    }

    @TearDown
    public void tearDown() {
        scope.exit();
        scope.discard();
        InMemoryTransactionServices.active = false;
        container.shutdown();
    }

    @Benchmark
    public Intent enqueue() {
        freshScopeEveryBuffer();
        return airlock.enqueue(Sink::accept, argument);
    }

    /** The same enqueue through {@code Airlock.get()} (what a JPA entity uses), not the injected bean. */
    @Benchmark
    public Intent enqueueStatic() {
        freshScopeEveryBuffer();
        return Airlock.get().enqueue(Sink::accept, argument);
    }

    private void freshScopeEveryBuffer() {
        if (++buffered == EnqueueBench.BUFFER) {
            buffered = 0;
            scope.exit();
            scope.discard();
            scope = airlock.scope().open();
        }
    }

    @Benchmark
    public void eventFireInTransaction() {
        if (++buffered == EnqueueBench.BUFFER) {
            buffered = 0;
            InMemoryTransactionServices.registered = new ArrayList<>();
        }
        event.fire(new SideEffect(argument));
    }

    @Benchmark
    public void eventFireNoTransaction() {
        event.fire(new SideEffect(argument));
    }
}
