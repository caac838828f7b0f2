package io.airlock.benchmarks;

import io.airlock.Airlock;
import io.airlock.Intent;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * The flush alone (plain Java, synchronous executor): the scope is filled with {@code n} intents before
 * each invocation (JMH {@code Level.Invocation}, outside the measured time), the measured part is
 * {@code flush()}. Compare with {@link FlushBench#direct} for the same {@code n} and {@code tokens}. Only for n ≥ 100: at
 * one intent a flush is too short for per-invocation timing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class FlushOnlyBench {

    @Param({"100", "10000"})
    public int n;

    /** Work per task, as in {@link FlushBench}. */
    @Param({"0", "100"})
    public long tokens;

    private final Airlock airlock = Airlock.get();
    private Long[] ids;
    private io.airlock.Scope scope;

    @Setup
    public void setUp(Blackhole blackhole) {
        Sink.use(blackhole);
        Sink.tokens = tokens;
        ids = new Long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = (long) i;
        }
    }

    @Setup(Level.Invocation)
    public void fill() {
        scope = airlock.scope().open();
        for (Long id : ids) {
            airlock.enqueue(Sink::accept, id);
        }
        scope.exit();
    }

    @Benchmark
    public List<Intent> flush() {
        return scope.flush();
    }
}
