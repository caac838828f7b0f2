package io.airlock.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
 * {@link DurableCommitBench}'s transactions timed side by side: each operation runs the transaction alone
 * ({@code withoutAirlock}), with one row inserted by hand ({@code byHand}), with one durable intent
 * ({@code airlock}) and with one intent that is not durable ({@code airlockNotDurable}), in orders balanced
 * over the operations ({@link VariantOrders#balanced}), and times each with {@link System#nanoTime()}. They are then measured within a millisecond of
 * each other, so the drift of this VM's speed over seconds and minutes, which swung the interleaved rounds of
 * {@code DurableCommitBench} between 0.8× and 2×, lands on all of them alike and cancels out of the added costs
 * ({@code airlock − withoutAirlock} against {@code byHand − withoutAirlock}).
 *
 * <p>JMH's own score is the time of the four together. Each measured iteration's mean and median of each
 * transaction are printed, and written at the end of the fork to {@code paired-commit-DATABASE-COMPLETIONS-PID.json}
 * ({@link PairedTimes}); {@code benchmarks/paired.py} turns those files into the ratio, with its spread over
 * iterations and forks.
 *
 * <p>{@code completions} says who writes airlock's completions (the delete of each dispatched intent's row):
 * <ul>
 * <li>{@code background}: as in a server, in batches on the scheduler's own thread, off the caller's;</li>
 * <li>{@code charged}: the same batches (of {@code airlock.store.batch-size}, 100), but written on the thread of
 * the {@code airlock} transaction that fills one, inside its timing. Nothing airlock does for an intent is then
 * left out of its figure, or spread over the other two by a thread running beside them.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 3, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class DurableCommitPairedBench {

    @Param({"h2", "postgresql"})
    public String database;

    @Param({"background", "charged"})
    public String completions;

    private ScheduledExecutorService timer;
    private DurableWork work;
    private final PairedTimes times = new PairedTimes("withoutAirlock", "byHand", "airlock", "airlockNotDurable");
    private final long[] nanos = new long[times.variants()];
    private final VariantOrders orders = VariantOrders.balanced(times.variants());

    @Setup
    public void setUp(Blackhole blackhole) throws Exception {
        Sink.use(blackhole);
        timer = completions.equals("charged") ? new WrittenByTheCaller() : Executors.newSingleThreadScheduledExecutor();
        work = new DurableWork(database, timer);
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams params) {
        times.startIteration(params.getType() == IterationType.MEASUREMENT);
        if (timer instanceof WrittenByTheCaller caller) {
            caller.batches = 0;
            caller.batchNanos = 0;
        }
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        work.endIteration();
        double[] row = times.endIteration(database + ", completions " + completions);
        if (row != null) {
            System.out.printf(Locale.ROOT, "added cost airlock/byHand %.2f (medians %.2f)%s%n", (row[4] - row[0]) / (row[2] - row[0]),
                    (row[5] - row[1]) / (row[3] - row[1]), timer instanceof WrittenByTheCaller caller && caller.batches > 0
                            ? String.format(Locale.ROOT, ", %d completion batches of %.2f ms", caller.batches, caller.batchNanos / 1e6 / caller.batches)
                            : "");
        }
    }

    @TearDown
    public void tearDown() {
        timer.shutdownNow();
        work.close();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("database", database);
        facts.put("completions", completions);
        times.write("commit", facts);
    }

    @Benchmark
    public Object fourTransactions() throws Exception {
        Object result = null;
        for (int which : orders.next()) {
            long start = System.nanoTime();
            switch (which) {
                case 0 -> work.withoutAirlock();
                case 1 -> work.byHand();
                case 2 -> result = work.airlock();
                default -> result = work.airlockNotDurable();
            }
            nanos[which] = System.nanoTime() - start;
        }
        times.add(nanos);
        return result;
    }

    /**
     * A scheduler that runs what it is given on the calling thread and never fires a timer: a full batch of
     * completions is written by the dispatching thread, and a partial one waits until it is full (or the
     * iteration ends).
     */
    private static final class WrittenByTheCaller extends ScheduledThreadPoolExecutor {
        long batches;
        long batchNanos;

        WrittenByTheCaller() {
            super(1);
        }

        @Override
        public void execute(Runnable command) {
            long start = System.nanoTime();
            command.run();
            batchNanos += System.nanoTime() - start;
            batches++;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return null; // the partial batch's deadline: it fills up first
        }
    }
}
