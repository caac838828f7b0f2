package io.airlock;

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
 * Where an enqueue's time goes, step by step from the floor of {@code EnqueueBench} to a whole enqueue, in one
 * run: each step adds one thing to the step before it. In package {@code io.airlock} to reach the engine's
 * own steps ({@link Intent#create}, {@link TaskIntrospector#of}), which are not public API.
 *
 * <ol>
 *   <li>{@code floor}: a thread-local look-up and appending a pre-built record to a list;</li>
 *   <li>{@code floorAllocating}: the same, creating the record (the task and a new argument array);</li>
 *   <li>{@code intent}: creating an {@link Intent} instead (48 B, the settings shared), its task already read;</li>
 *   <li>{@code intentWithTaskLookUp}: reading the task's method per call, as enqueue does (a {@code ClassValue});</li>
 *   <li>{@code enqueue}: the whole enqueue: the thread's scope and policy guard, the configuration, the target
 *       check, the transaction binding, the scope's state and policy checks.</li>
 * </ol>
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnqueueStepsBench {

    static final int BUFFER = 1024;

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
        Intent created = Intent.create(task, info, new Object[] {argument}, EnqueueSettings.DEFAULT, List.of(), null, null);
        floorList().add(created);
        return created;
    }

    @Benchmark
    public Object intentWithTaskLookUp() {
        Task1<Sink, Long> task = Sink::accept;
        Intent created = Intent.create(task, TaskIntrospector.of(task), new Object[] {argument}, EnqueueSettings.DEFAULT, List.of(), null, null);
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
