package io.airlock.benchmarks;

import io.airlock.Airlock;
import io.airlock.Intent;
import io.airlock.Task1;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * One enqueue (a method reference with one argument, inside a scope, default policy and configuration)
 * against the floor: a thread-local lookup plus appending a pre-built record to a list.
 *
 * <p>Both sides buffer into a list that would otherwise grow without bound; both start a fresh buffer every
 * {@value #BUFFER} operations (airlock: exit and discard the scope and open a new one; floor: a new list
 * in the thread local), so both pay the same amortised list growth. The argument is a pre-boxed {@code Long}: what is
 * allocated per operation is airlock's own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnqueueBench {

    static final int BUFFER = 1024;

    /** The floor's record: what a minimal buffer would keep for one side effect. */
    record Pending(Task1<Sink, Long> task, Object[] args) {
    }

    private static final ThreadLocal<List<Object>> FLOOR = ThreadLocal.withInitial(ArrayList::new);

    private final Airlock airlock = Airlock.get();
    private final Long argument = 42L;
    private final Pending pending = new Pending(Sink::accept, new Object[] {argument});
    private io.airlock.Scope scope;
    private int buffered;

    @Setup
    public void setUp(Blackhole blackhole) {
        Sink.blackhole = blackhole;
        scope = new io.airlock.Scope().enter();
        FLOOR.get();
    }

    @TearDown
    public void tearDown() {
        scope.exit();
        scope.discard();
    }

    @Benchmark
    public Intent enqueue() {
        if (++buffered == BUFFER) {
            buffered = 0;
            scope.exit();
            scope.discard();
            scope = new io.airlock.Scope().enter();
        }
        return airlock.enqueue(Sink::accept, argument);
    }

    @Benchmark
    public boolean floor() {
        return floorList().add(pending);
    }

    /**
     * A second reference, not the target's floor: the floor plus creating the record it appends (the task and
     * a new argument array), which any buffer that keeps its entries must pay. The share of enqueue's cost
     * that is allocation shows in the difference between the two floors.
     */
    @Benchmark
    public Object floorAllocating() {
        Pending created = new Pending(Sink::accept, new Object[] {argument});
        floorList().add(created);
        return created;
    }

    private List<Object> floorList() {
        List<Object> list = FLOOR.get();
        if (++buffered == BUFFER) {
            buffered = 0;
            list = new ArrayList<>();
            FLOOR.set(list);
        }
        return list;
    }
}
