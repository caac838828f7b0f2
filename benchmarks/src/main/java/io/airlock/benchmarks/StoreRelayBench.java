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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Relay throughput: {@value #ROWS} durable intents written to the store and drained, each dispatched to a
 * no-op task and completed (its row deleted), on H2 in memory behind a connection pool, one thread. One
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

    @Setup
    public void setUp(Blackhole bh) {
        blackhole = bh;
        Sink.use(bh);
        Containers.configureNarayana();
        db = StoreDatabase.inMemory("relay");
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
    }

    @Benchmark
    public int rawJdbc() throws SQLException {
        return drainByHand(false);
    }

    private int drainByHand(boolean lease) throws SQLException {
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
        return drainByHand(true);
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
