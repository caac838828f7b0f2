package io.airlock.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * {@link TransactionBench}'s units of work timed side by side: each operation runs the bare transaction, the same
 * with one empty synchronization, the hand-written deferral, airlock and the events, with {@code intents} side
 * effects each, in orders balanced over the operations ({@link VariantOrders#balanced}), each timed with {@link System#nanoTime()}; and an empty
 * variant, {@code timer}, which is the timing's own cost, taken off the others by {@code benchmarks/paired.py}.
 * Measured within microseconds of each other, they share whatever the VM does meanwhile. The times are written to
 * {@code paired-transaction-INTENTS-PID.json} ({@link PairedTimes}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 3, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class TransactionPairedBench {

    @Param({"1", "2", "5"})
    public int intents;

    private final TransactionBench work = new TransactionBench();
    private final PairedTimes times = new PairedTimes("timer", "bareTransaction", "emptySynchronization", "byHand", "airlock", "events");
    private final long[] nanos = new long[times.variants()];
    private final VariantOrders orders = VariantOrders.balanced(times.variants());

    @Setup
    public void setUp(Blackhole blackhole) {
        work.intents = intents;
        work.setUp(blackhole);
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams params) {
        times.startIteration(params.getType() == IterationType.MEASUREMENT);
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        times.endIteration(intents + " side effect(s)");
    }

    @TearDown
    public void tearDown() {
        work.tearDown();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("intents", String.valueOf(intents));
        times.write("transaction", facts);
    }

    @Benchmark
    public void sixVariants() throws Exception {
        for (int which : orders.next()) {
            long start = System.nanoTime();
            switch (which) {
                case 0 -> { }
                case 1 -> work.bareTransaction();
                case 2 -> work.emptySynchronization();
                case 3 -> work.byHand();
                case 4 -> work.airlock();
                default -> work.events();
            }
            nanos[which] = System.nanoTime() - start;
        }
        times.add(nanos);
    }
}
