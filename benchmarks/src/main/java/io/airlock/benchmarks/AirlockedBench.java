package io.airlock.benchmarks;

import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.WeldContainer;
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

/**
 * In Weld SE: a call to an {@code @Airlocked} method (one scope opened, exited and flushed per call, with
 * nothing in it) against the same call through a no-op interceptor at the same priority, and without any
 * interceptor, all through the bean's client proxy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class AirlockedBench {

    private WeldContainer container;
    private Service service;
    private long x;

    @Setup
    public void setUp() {
        container = Containers.start(Service.class, NoopInterceptor.class);
        service = container.select(Service.class).get();
    }

    @TearDown
    public void tearDown() {
        container.shutdown();
    }

    @Benchmark
    public long airlocked() {
        return service.airlocked(x++);
    }

    @Benchmark
    public long noopInterceptor() {
        return service.noop(x++);
    }

    @Benchmark
    public long plain() {
        return service.plain(x++);
    }
}
