package io.airlock.benchmarks;

import io.airlock.Airlock;
import io.airlock.IntentExecutor;
import io.airlock.policy.AllowAll;
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
 * Nested capture: {@code depth} scopes inside each other, {@value #INTENTS} intents enqueued in the
 * innermost, then every scope exits and flushes from the inside out. Each flush is captured by the scope
 * around it; the outermost dispatches all of them to an executor that only counts. The baseline is depth
 * 1 (the same intents, one scope); the time per extra level should be constant.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class NestedBench {

    static final int INTENTS = 10_000;

    @Param({"1", "2", "4", "8", "16", "32", "64"})
    public int depth;

    private final Airlock airlock = Airlock.get();
    private final AllowAll policy = new AllowAll();
    private Blackhole blackhole;
    private IntentExecutor counting;
    private Long[] ids;

    @Setup
    public void setUp(Blackhole blackhole) {
        this.blackhole = blackhole;
        Sink.use(blackhole);
        counting = intent -> this.blackhole.consume(intent);
        ids = new Long[INTENTS];
        for (int i = 0; i < INTENTS; i++) {
            ids[i] = (long) i;
        }
    }

    @Benchmark
    public int nested() {
        io.airlock.Scope[] scopes = new io.airlock.Scope[depth];
        for (int d = 0; d < depth; d++) {
            scopes[d] = new io.airlock.Scope(policy, counting).enter();
        }
        for (Long id : ids) {
            airlock.enqueue(Sink::accept, id);
        }
        int flushed = 0;
        for (int d = depth - 1; d >= 0; d--) {
            scopes[d].exit();
            flushed += scopes[d].flush().size();
        }
        return flushed;
    }
}
