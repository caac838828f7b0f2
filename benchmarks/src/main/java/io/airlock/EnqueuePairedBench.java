package io.airlock;

import io.airlock.benchmarks.Harness;
import io.airlock.benchmarks.PairedTimes;
import io.airlock.benchmarks.Sink;
import io.airlock.benchmarks.VariantOrders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * {@link EnqueueBench}'s floor, the floor that creates its record, and one enqueue, timed side by side: each
 * operation makes {@value #CALLS} of each, in orders balanced over the operations ({@link VariantOrders#balanced}), each run of {@value #CALLS} timed
 * with {@link System#nanoTime()}. Each side starts a fresh buffer every {@value EnqueueBench#BUFFER} entries, as in
 * {@code EnqueueBench}. The times are written to {@code paired-enqueue-CALLS-PID.json} ({@link PairedTimes}).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 3, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class EnqueuePairedBench {

    static final int CALLS = 64;

    /** The two floors' buffers, one each. */
    private static final List<ThreadLocal<List<Object>>> FLOORS = List.of(ThreadLocal.withInitial(ArrayList::new),
            ThreadLocal.withInitial(ArrayList::new));

    private final Airlock airlock = Airlock.get();
    private final Long argument = 42L;
    private final EnqueueBench.Pending pending = new EnqueueBench.Pending(Sink::accept, new Object[] {argument});
    private final PairedTimes times = new PairedTimes("floor", "floorAllocating", "enqueue");
    private final long[] nanos = new long[times.variants()];
    private final int[] buffered = new int[times.variants()];
    private Scope scope;
    private final VariantOrders orders = VariantOrders.balanced(times.variants());
    /** What the last call added: kept, so that no side's record can be optimised away. */
    private Object last;

    @Setup
    public void setUp(Blackhole blackhole) {
        Sink.use(blackhole);
        scope = new Scope().enter();
        FLOORS.forEach(ThreadLocal::get);
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams params) {
        times.startIteration(params.getType() == IterationType.MEASUREMENT);
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        times.endIteration(CALLS + " of each");
    }

    @TearDown
    public void tearDown() {
        scope.exit();
        scope.discard();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("calls", String.valueOf(CALLS));
        times.write("enqueue", facts);
    }

    @Benchmark
    public Object threeBuffers() {
        for (int which : orders.next()) {
            long start = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                Object added = switch (which) {
                    case 0 -> floorList(0).add(pending);
                    case 1 -> {
                        EnqueueBench.Pending created = new EnqueueBench.Pending(Sink::accept, new Object[] {argument});
                        floorList(1).add(created);
                        yield created;
                    }
                    default -> enqueue();
                };
                last = added;
            }
            nanos[which] = System.nanoTime() - start;
        }
        times.add(nanos);
        return last;
    }

    private Intent enqueue() {
        if (++buffered[2] == EnqueueBench.BUFFER) {
            buffered[2] = 0;
            scope.exit();
            scope.discard();
            scope = new Scope().enter();
        }
        return airlock.enqueue(Sink::accept, argument);
    }

    private List<Object> floorList(int which) {
        ThreadLocal<List<Object>> floor = FLOORS.get(which);
        List<Object> list = floor.get();
        if (++buffered[which] == EnqueueBench.BUFFER) {
            buffered[which] = 0;
            list = new ArrayList<>();
            floor.set(list);
        }
        return list;
    }
}
