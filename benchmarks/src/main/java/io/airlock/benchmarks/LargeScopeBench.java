package io.airlock.benchmarks;

import io.airlock.Airlock;
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
 * A migration or bulk import: {@code n} intents (each with its own {@code Long} argument, as distinct rows
 * have) enqueued and dispatched with the sync executor, in plain Java.
 *
 * <ul>
 * <li>{@code oneScope}: all {@code n} in one scope, flushed once at the end: every intent stays in memory
 * until then;</li>
 * <li>{@code chunked}: one scope per {@value #CHUNK} intents (docs/core-model.md, "Long-running work"): at
 * most one chunk is kept;</li>
 * <li>{@code direct}: the same {@code n} calls made directly, the floor.</li>
 * </ul>
 * Score per operation (all {@code n} intents); per intent is the score divided by {@code n}. The arguments are
 * created per operation on every side, so each pays for them alike.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class LargeScopeBench {

    static final int CHUNK = 10_000;

    @Param({"10000", "100000", "1000000"})
    public int n;

    private final Airlock airlock = Airlock.get();
    private final Sink sink = new Sink();

    @Setup
    public void setUp(Blackhole blackhole) {
        Sink.use(blackhole);
        Sink.tokens = 0;
    }

    @Benchmark
    public int oneScope() {
        io.airlock.Scope scope = airlock.scope().open();
        for (long i = 0; i < n; i++) {
            airlock.enqueue(Sink::accept, 1_000_000_000L + i);
        }
        scope.exit();
        return scope.flush().size();
    }

    @Benchmark
    public int chunked() {
        int dispatched = 0;
        for (long from = 0; from < n; from += CHUNK) {
            io.airlock.Scope scope = airlock.scope().maxIntents(CHUNK).open();
            for (long i = from; i < Math.min(from + CHUNK, n); i++) {
                airlock.enqueue(Sink::accept, 1_000_000_000L + i);
            }
            scope.exit();
            dispatched += scope.flush().size();
        }
        return dispatched;
    }

    @Benchmark
    public void direct() {
        for (long i = 0; i < n; i++) {
            sink.accept(1_000_000_000L + i);
        }
    }
}
