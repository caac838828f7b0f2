package io.airlock.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * {@link AirlockedBench}'s three calls timed side by side: each operation makes {@value #CALLS} calls of each (the
 * {@code @Airlocked} method, the same through a no-op interceptor at the same priority, the same without any
 * interceptor), in orders balanced over the operations ({@link VariantOrders#balanced}), each run of {@value #CALLS} timed with
 * {@link System#nanoTime()}. The times are written to {@code paired-airlocked-CALLS-PID.json} ({@link PairedTimes}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 3, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class AirlockedPairedBench {

    static final int CALLS = 64;

    private WeldContainer container;
    private Service service;
    private final PairedTimes times = new PairedTimes("plain", "noopInterceptor", "airlocked");
    private final long[] nanos = new long[times.variants()];
    private final VariantOrders orders = VariantOrders.balanced(times.variants());
    private long x;

    @Setup
    public void setUp() {
        container = Containers.start(Service.class, NoopInterceptor.class);
        service = container.select(Service.class).get();
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams params) {
        times.startIteration(params.getType() == IterationType.MEASUREMENT);
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        times.endIteration(CALLS + " calls of each");
    }

    @TearDown
    public void tearDown() {
        container.shutdown();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("calls", String.valueOf(CALLS));
        times.write("airlocked", facts);
    }

    @Benchmark
    public long threeCalls() {
        long sum = 0;
        for (int which : orders.next()) {
            long start = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                sum += switch (which) {
                    case 0 -> service.plain(x++);
                    case 1 -> service.noop(x++);
                    default -> service.airlocked(x++);
                };
            }
            nanos[which] = System.nanoTime() - start;
        }
        times.add(nanos);
        return sum;
    }
}
