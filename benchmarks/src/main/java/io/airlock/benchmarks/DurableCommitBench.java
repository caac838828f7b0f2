package io.airlock.benchmarks;

import io.airlock.Intent;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

/**
 * The commit cost of one durable write: one Narayana transaction per operation, doing the application's own
 * work ({@code UPDATE ACCOUNT SET BALANCE = BALANCE + 1 WHERE ID = 1} through the JTA datasource, so its XA
 * connection is enlisted), in Weld SE with airlock's JTA binding, on two databases ({@code database}): H2 in
 * memory under XA, and a real PostgreSQL 14 over loopback under XA (started by the benchmark from io.zonky's
 * binaries, {@code fsync} off as in the tests), both with pooled XA connections and one-phase commit. On H2 a
 * statement is a method call; on PostgreSQL it is a round trip, as on any networked database.
 * <ul>
 * <li>{@code withoutAirlock}: the transaction alone;</li>
 * <li>{@code byHand}: the same transaction inserting one comparable row by hand (a table of the intent table's definition, a
 * payload like airlock's, encoded once at setup) through the same datasource. Its rows are removed every
 * {@value DurableWork#TRUNCATE_EVERY} operations by {@code TRUNCATE TABLE} (timed, and printed at the end of each
 * iteration as its share per operation): a table left to grow over an iteration makes the in-memory
 * database's garbage collections dominate;</li>
 * <li>{@code byHandOutbox}: a hand-written outbox in full: {@code byHand}, then after the commit a delete of
 * that row (auto-commit), the work the durable executor does after the commit, less the dispatch;</li>
 * <li>{@code airlock}: the same transaction with one intent enqueued in a scope whose executor is durable
 * (the store over the same datasource) and flushed before the commit: the row is encoded and written in the
 * transaction; after the commit it is dispatched to a no-op task (the sync executor, the bean resolved by CDI)
 * and completed (deleted).</li>
 * <li>{@code airlockNotDurable}: the same scope with the plain sync executor: the intent bound to the transaction
 * and dispatched after the commit, nothing written. {@code airlock} less this row is what durability itself
 * adds (the row, its encoding, its completion), the dispatch being common to both.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 2, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class DurableCommitBench {

    /** H2 in memory (XA), or PostgreSQL 14 over loopback (XA, fsync off), both behind pooled connections. */
    @Param({"h2", "postgresql"})
    public String database;

    private ScheduledExecutorService timer;
    private DurableWork work;

    @Setup
    public void setUp(Blackhole blackhole) throws Exception {
        Sink.use(blackhole);
        timer = Executors.newSingleThreadScheduledExecutor();
        // as the relay does with the server's ManagedScheduledExecutorService: completions in batches, off the caller's thread
        work = new DurableWork(database, timer);
    }

    @TearDown(Level.Iteration)
    public void emptyTable() {
        work.endIteration();
    }

    @TearDown
    public void tearDown() {
        timer.shutdownNow();
        work.close();
    }

    @Benchmark
    public void withoutAirlock() throws Exception {
        work.withoutAirlock();
    }

    @Benchmark
    public void byHand() throws Exception {
        work.byHand();
    }

    @Benchmark
    public int byHandOutbox() throws Exception {
        return work.byHandOutbox();
    }

    @Benchmark
    public List<Intent> airlock() throws Exception {
        return work.airlock();
    }

    @Benchmark
    public List<Intent> airlockNotDurable() throws Exception {
        return work.airlockNotDurable();
    }
}
