package io.airlock;

import io.airlock.benchmarks.Harness;
import io.airlock.benchmarks.Sink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One enqueue (a method reference with one argument, inside a scope, default policy and configuration)
 * against the floor: a thread-local lookup plus appending a pre-built record to a list; and the steps in
 * between, each adding one thing to the one before:
 *
 * <ol>
 *   <li>{@code floor}: a thread-local look-up and appending a pre-built record to a list;</li>
 *   <li>{@code floorAllocating}: the same, creating the record (the task and a new argument array), which any
 *       buffer that keeps its entries must pay;</li>
 *   <li>{@code intent}: creating an {@link Intent} instead (48 B, the settings shared), its task already read;</li>
 *   <li>{@code intentWithTaskLookUp}: reading the task's method per call, as enqueue does (a {@code ClassValue});</li>
 *   <li>{@code enqueue}: the whole enqueue: the thread's scope and policy guard, the configuration, the target
 *       check, the transaction binding, the scope's state and policy checks.</li>
 * </ol>
 *
 * <p>In package {@code io.airlock} to reach the engine's own steps ({@link Intent#create},
 * {@link TaskIntrospector#of}), which are not public API. Every side buffers into a list that would
 * otherwise grow without bound; each starts a fresh buffer every {@value #BUFFER} operations (airlock: exit
 * and discard the scope and open a new one; the others: a new list in the thread local), so all pay the same
 * amortised list growth. The argument is a pre-boxed {@code Long}: what is allocated per operation is the
 * benchmark's own.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class EnqueueBench {

    private static final EnqueueContext CONTEXT = new EnqueueContext(EnqueueSettings.DEFAULT, List.of(), null, null);

    /** How many operations go into one buffer before a fresh one; the other enqueue benchmarks use it too. */
    public static final int BUFFER = 1024;

    /** The floor's record: what a minimal buffer would keep for one side effect. */
    record Pending(Task1<Sink, Long> task, Object[] args) {
    }

    private static final ThreadLocal<List<Object>> FLOOR = ThreadLocal.withInitial(ArrayList::new);

    private final Airlock airlock = Airlock.get();
    private final Long argument = 42L;
    private final Pending pending = new Pending(Sink::accept, new Object[] {argument});
    private final TaskInfo info = TaskIntrospector.of((Task1<Sink, Long>) Sink::accept);
    private Scope scope;
    private int buffered;

    @Setup
    public void setUp(Blackhole blackhole) {
        Sink.use(blackhole);
        scope = new Scope().enter();
        FLOOR.get();
    }

    @TearDown
    public void tearDown() {
        scope.exit();
        scope.discard();
    }

    @Benchmark
    public boolean floor() {
        return floorList().add(pending);
    }

    @Benchmark
    public Object floorAllocating() {
        Pending created = new Pending(Sink::accept, new Object[] {argument});
        floorList().add(created);
        return created;
    }

    @Benchmark
    public Object intent() {
        Task1<Sink, Long> task = Sink::accept;
        Intent created = Intent.create(task, info, new Object[] {argument}, CONTEXT);
        floorList().add(created);
        return created;
    }

    @Benchmark
    public Object intentWithTaskLookUp() {
        Task1<Sink, Long> task = Sink::accept;
        Intent created = Intent.create(task, TaskIntrospector.of(task), new Object[] {argument}, CONTEXT);
        floorList().add(created);
        return created;
    }

    @Benchmark
    public Intent enqueue() {
        if (++buffered == BUFFER) {
            buffered = 0;
            scope.exit();
            scope.discard();
            scope = new Scope().enter();
        }
        return airlock.enqueue(Sink::accept, argument);
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
