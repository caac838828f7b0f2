package io.airlock.benchmarks;

import io.airlock.Airlock;
import io.airlock.Intent;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.WeldContainer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link FlushBench} in Weld SE: the intents' target ({@link Sink}, application-scoped) is resolved from
 * CDI at dispatch; the direct side calls the injected bean (its client proxy).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class CdiFlushBench {

    @Param({"1", "100", "10000"})
    public int n;

    private WeldContainer container;
    private Airlock airlock;
    private Sink sink;
    private Long[] ids;

    @Setup
    public void setUp(Blackhole blackhole) {
        Sink.use(blackhole);
        container = Containers.start();
        airlock = container.select(Airlock.class).get();
        sink = container.select(Sink.class).get();
        ids = new Long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = (long) i;
        }
    }

    @TearDown
    public void tearDown() {
        container.shutdown();
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
