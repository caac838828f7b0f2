package io.airlock.benchmarks;

import io.airlock.Airlock;
import io.airlock.Intent;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A whole scope in plain Java (default configuration, synchronous executor): open it, enqueue {@code n}
 * intents, exit, flush (each task runs on this thread), against calling the same {@code n} tasks directly
 * on a target held by the caller. With {@code tokens = 0} the task costs next to nothing, so the ratio is
 * airlock's overhead at its most visible; {@code tokens = 100} gives each task a little work of its own
 * ({@code Blackhole.consumeCPU(100)}, a few hundred nanoseconds, still far less than any real side effect).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class FlushBench {

    @Param({"1", "100", "10000"})
    public int n;

    @Param({"0", "100"})
    public long tokens;

    private final Airlock airlock = Airlock.get();
    private final Sink sink = new Sink();
    private Long[] ids;

    @Setup
    public void setUp(Blackhole blackhole) {
        Sink.use(blackhole);
        Sink.tokens = tokens;
        ids = new Long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = (long) i;
        }
    }

    @Benchmark
    public List<Intent> airlock() {
        io.airlock.Scope scope = airlock.scope().open();
        for (Long id : ids) {
            airlock.enqueue(Sink::accept, id);
        }
        scope.exit();
        return scope.flush();
    }

    @Benchmark
    public void direct() {
        for (Long id : ids) {
            sink.accept(id);
        }
    }
}
