package io.airlock.benchmarks;

import io.airlock.Airlock;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.internal.jms.TaskRegistry;
import io.airlock.internal.store.Durability;
import io.airlock.internal.store.StoreSettings;
import io.airlock.policy.AllowAll;
import io.airlock.store.IntentStore;
import io.airlock.store.StoredIntent;
import io.airlock.store.jdbc.JdbcIntentStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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
 * Relay throughput: {@value #ROWS} durable intents written to the store and drained, each dispatched to a
 * no-op task and completed (its row deleted), on H2 in memory or a real PostgreSQL ({@code database}) behind a
 * connection pool, one thread. One
 * operation is all {@value #ROWS} (single-shot); the table is empty before and after each.
 * <ul>
 * <li>{@code rawJdbc}, the floor: the same {@value #ROWS} rows (same table, same values) inserted by hand in one
 * transaction (one batch), then drained as a hand-written relay would: select the first
 * {@value #BATCH} due rows (id and payload, by the store's index), delete each by id, until none is left;</li>
 * <li>{@code rawJdbcLeased}: {@code rawJdbc} plus the lease the store takes on each row before it dispatches it,
 * with the store's own statements (the conditional {@code UPDATE} of each candidate, in auto-commit, then its
 * {@code DELETE}): the same SQL work as {@code relay}, without airlock's code (decoding, dispatch, a connection
 * and statement per completion). The lease is what lets several relays share a table;</li>
 * <li>{@code relay}: the rows written by {@code JdbcIntentStore.save} (one call, outside a transaction), then
 * drained by {@code relayNow()} (batch size {@value #BATCH}) until it claims nothing: each pass claims its
 * rows under a lease, decodes each intent, runs it through the sync executor and completes it;</li>
 * <li>{@code relayBesideRawJdbc}: {@code rawJdbc}, {@code rawJdbc} with each pass's deletes sent as one statement batch
 * in one transaction (the fastest hand-written drain on a networked database, where each auto-commit delete is a
 * round trip and a commit), and {@code relay}, in one operation, in orders balanced over the operations ({@link VariantOrders#balanced}), each timed
 * with {@link System#nanoTime()}: measured moments apart, so that this VM's drift over seconds and minutes lands on
 * all three alike. Each measured operation's times are written at the end of the fork to
 * {@code paired-relay-DATABASE-PID.json} in the directory named by {@code -Dbench.out} (default
 * {@code benchmarks/target}), which {@code benchmarks/paired.py} turns into the relay's share of each raw
 * baseline's throughput, with its interval;</li>
 * <li>{@code flushOutsideTransaction}: the fast path without a transaction, as an application enqueues outside
 * a request: {@value #ROWS} enqueues in a scope whose executor is durable, then its flush: each row written in
 * a transaction of its own, dispatched, completed.</li>
 * </ul>
 * The rows are the relay's view after a crash: pending, due, unleased. Their JSON payloads are encoded once,
 * at setup ({@code flushOutsideTransaction} encodes its own).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 20)
@Measurement(iterations = 15)
@Fork(value = 1, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
public class StoreRelayBench {

    static final int ROWS = 10_000;

    /** H2 in memory, or PostgreSQL 14 over loopback (fsync off), both behind a connection pool. */
    @Param({"h2", "postgresql"})
    public String database;

    static final int BATCH = 100;
    static final String TABLE = JdbcIntentStore.DEFAULT_TABLE;

    private StoreDatabase db;
    private DataSource dataSource;
    private IntentStore store;
    private Durability durability;
    private IntentExecutor durable;
    private java.util.concurrent.ScheduledExecutorService timer;
    private List<StoredIntent> rows;
    private Long[] ids;
    private Blackhole blackhole;
    private final Airlock airlock = Airlock.get();
    /** {@code relayBesideRawJdbc}'s measured operations: the milliseconds of {@code rawJdbc}, of the same with batched deletes, of {@code relay}. */
    private final List<double[]> pairs = new ArrayList<>();
    private boolean measuring;
    private final VariantOrders orders = VariantOrders.balanced(3);

    @Setup
    public void setUp(Blackhole bh) {
        blackhole = bh;
        Sink.use(bh);
        Containers.configureNarayana();
        db = database.equals("postgresql") ? StoreDatabase.postgres() : StoreDatabase.inMemory("relay");
        dataSource = db.jta(); // outside a transaction: the pool, as a server's JTA datasource
        store = JdbcIntentStore.open(dataSource, TABLE, true);
        TaskRegistry tasks = DurableSink.registry();
        durability = new Durability(() -> store, StoreSettings.defaults("bench", TABLE).withBatchSize(BATCH), name -> IntentExecutor.sync(),
                () -> tasks, Clock.systemUTC());
        durable = durability.executor("sync", IntentExecutor.sync());
        timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        durability.completeOn(timer); // as the relay does with the server's ManagedScheduledExecutorService: completions in batches
        rows = StoreDatabase.dueRows(ROWS, Instant.now());
        ids = new Long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            ids[i] = (long) i;
        }
    }

    @TearDown(Level.Iteration)
    public void checkDrained() {
        long left = db.count(TABLE);
        if (left != 0) {
            throw new IllegalStateException(left + " rows left in " + TABLE);
        }
    }

    @TearDown
    public void tearDown() {
        timer.shutdownNow();
        db.close();
        if (!pairs.isEmpty()) {
            PairedTimes.write("relay", java.util.Map.of("database", database), List.of("rawJdbc.ms", "rawJdbcBatched.ms", "relay.ms"), pairs);
        }
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    @Benchmark
    public int rawJdbc() throws SQLException {
        return drainByHand(false, false);
    }

    /**
     * @param lease lease each row before deleting it, as the store does
     * @param batched delete a pass's rows with one statement batch in one transaction, instead of each in auto-commit
     */
    private int drainByHand(boolean lease, boolean batched) throws SQLException {
        int drained = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(String.format(StoreDatabase.INSERT, TABLE))) {
                for (StoredIntent row : rows) {
                    StoreDatabase.bind(insert, row);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            try (PreparedStatement select = c.prepareStatement("SELECT ID, PAYLOAD FROM " + TABLE + " WHERE STATE = 'PENDING' AND NEXT_ATTEMPT_AT <= ? "
                    + "AND (LEASE_UNTIL IS NULL OR LEASE_UNTIL < ?) ORDER BY STATE, NEXT_ATTEMPT_AT LIMIT ?");
                    PreparedStatement leaseRow = c.prepareStatement("UPDATE " + TABLE + " SET LEASE_OWNER = ?, LEASE_UNTIL = ? WHERE ID = ? "
                            + "AND STATE = 'PENDING' AND NEXT_ATTEMPT_AT <= ? AND (LEASE_UNTIL IS NULL OR LEASE_UNTIL < ?)");
                    PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE ID = ?")) {
                List<String> batch = new ArrayList<>(BATCH);
                while (true) {
                    long now = System.currentTimeMillis();
                    select.setLong(1, now);
                    select.setLong(2, now);
                    select.setInt(3, BATCH);
                    batch.clear();
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            batch.add(rs.getString(1));
                            blackhole.consume(rs.getString(2));
                        }
                    }
                    if (batch.isEmpty()) {
                        break;
                    }
                    if (batched) {
                        c.setAutoCommit(false);
                        for (String id : batch) {
                            delete.setString(1, id);
                            delete.addBatch();
                        }
                        for (int count : delete.executeBatch()) {
                            drained += count;
                        }
                        c.commit();
                        c.setAutoCommit(true);
                        continue;
                    }
                    for (String id : batch) {
                        if (lease) {
                            leaseRow.setString(1, "bench-owner");
                            leaseRow.setLong(2, now + 300_000);
                            leaseRow.setString(3, id);
                            leaseRow.setLong(4, now);
                            leaseRow.setLong(5, now);
                            if (leaseRow.executeUpdate() != 1) {
                                continue;
                            }
                        }
                        delete.setString(1, id);
                        drained += delete.executeUpdate();
                    }
                }
            }
        }
        return expect(drained);
    }

    @Benchmark
    public int rawJdbcLeased() throws SQLException {
        return drainByHand(true, false);
    }

    @Benchmark
    public int relay() {
        store.save(rows);
        int drained = 0;
        for (int claimed; (claimed = durability.relayNow()) > 0; ) {
            drained += claimed;
        }
        return expect(drained);
    }

    @Benchmark
    @Warmup(iterations = 20)
    @Measurement(iterations = 40)
    @Fork(value = 3, jvmArgsAppend = {Harness.XMS, Harness.XMX, Harness.PRE_TOUCH})
    public int relayBesideRawJdbc() throws SQLException {
        double[] millis = new double[3];
        int drained = 0;
        for (int which : orders.next()) {
            long start = System.nanoTime();
            drained += switch (which) {
                case 0 -> drainByHand(false, false);
                case 1 -> drainByHand(false, true);
                default -> relay();
            };
            millis[which] = (System.nanoTime() - start) / 1e6;
        }
        if (measuring) {
            pairs.add(millis);
            System.out.printf(java.util.Locale.ROOT, "paired: rawJdbc %.1f ms, rawJdbc batched %.1f ms, relay %.1f ms%n", millis[0], millis[1],
                    millis[2]);
        }
        return drained;
    }

    @Benchmark
    public List<Intent> flushOutsideTransaction() {
        io.airlock.Scope scope = new io.airlock.Scope(new AllowAll(), durable).enter();
        for (Long id : ids) {
            airlock.enqueue(DurableSink::accept, id);
        }
        scope.exit();
        return scope.flush();
    }

    private static int expect(int drained) {
        if (drained != ROWS) {
            throw new IllegalStateException("drained " + drained + " of " + ROWS);
        }
        return drained;
    }
}
