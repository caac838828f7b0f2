package io.airlock.benchmarks;

import io.airlock.Airlock;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.internal.jms.IntentCodec;
import io.airlock.internal.jms.TaskRegistry;
import io.airlock.internal.store.Durability;
import io.airlock.internal.store.StoreSettings;
import io.airlock.policy.AllowAll;
import io.airlock.store.IntentState;
import io.airlock.store.StoredIntent;
import io.airlock.store.jdbc.JdbcIntentStore;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.weld.environment.se.WeldContainer;
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
 * <li>{@code byHand}: the same transaction inserting one comparable row by hand (the intent table, a payload
 * like airlock's, encoded once at setup) through the same datasource. Its rows are removed every
 * {@value #TRUNCATE_EVERY} operations by {@code TRUNCATE TABLE} (timed, and printed at the end of each
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

    static final String TABLE = JdbcIntentStore.DEFAULT_TABLE;
    static final String BUSINESS = "UPDATE ACCOUNT SET BALANCE = BALANCE + 1 WHERE ID = 1";
    static final int TRUNCATE_EVERY = 1000;

    /** H2 in memory (XA), or PostgreSQL 14 over loopback (XA, fsync off), both behind pooled connections. */
    @Param({"h2", "postgresql"})
    public String database;

    private WeldContainer container;
    private TransactionManager tm;
    private StoreDatabase db;
    private DataSource dataSource;
    private Durability durability;
    private IntentExecutor durable;
    private final IntentExecutor notDurable = IntentExecutor.sync();
    private java.util.concurrent.ScheduledExecutorService timer;
    private final Airlock airlock = Airlock.get();
    private final Long argument = 42L;
    private StoredIntent template;
    private String insert;
    private long handIds;
    private long truncateNanos;
    private long truncatedOps;

    @Setup
    public void setUp(Blackhole blackhole) throws Exception {
        Sink.use(blackhole);
        container = Containers.startWithNarayana(DurableSink.class);
        tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        db = database.equals("postgresql") ? StoreDatabase.postgres() : StoreDatabase.inMemory("commit");
        db.execute("CREATE TABLE ACCOUNT (ID INTEGER PRIMARY KEY, BALANCE BIGINT NOT NULL)");
        db.execute("INSERT INTO ACCOUNT VALUES (1, 0)");
        dataSource = db.jta();
        JdbcIntentStore store = JdbcIntentStore.open(dataSource, TABLE, true);
        TaskRegistry tasks = DurableSink.registry();
        durability = new Durability(() -> store, StoreSettings.defaults("bench", TABLE), name -> IntentExecutor.sync(), () -> tasks,
                Clock.systemUTC());
        durable = durability.executor("sync", IntentExecutor.sync());
        timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        durability.completeOn(timer); // as the relay does with the server's ManagedScheduledExecutorService: completions in batches
        Instant now = Instant.now();
        Intent intent = Intent.builder(DurableSink.ACCEPT, List.of(argument)).build();
        template = new StoredIntent(intent.id(), intent.name(), "sync", IntentCodec.encode(intent), IntentState.PENDING, 0, 5, now, now,
                "bench-owner", now.plusSeconds(300), null, List.of());
        insert = String.format(StoreDatabase.INSERT, TABLE);
    }

    @TearDown(Level.Iteration)
    public void emptyTable() {
        if (truncatedOps > 0) {
            System.out.printf(java.util.Locale.ROOT, "(TRUNCATE every %d operations: %.3f us per operation)%n", TRUNCATE_EVERY,
                    truncateNanos / 1000.0 / truncatedOps);
            truncateNanos = 0;
            truncatedOps = 0;
        }
        durability.flushCompletions(); // the completions that wait are written first: a row deleted under them would be reported lost
        db.execute("DELETE FROM " + TABLE);
    }

    @TearDown
    public void tearDown() {
        timer.shutdownNow();
        db.close();
        container.shutdown();
    }

    private void business() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(BUSINESS)) {
            ps.executeUpdate();
        }
    }

    private String insertByHand() throws SQLException {
        String id = "hand-" + handIds++;
        StoredIntent row = new StoredIntent(id, template.name(), template.executor(), template.payload(), template.state(), 0,
                template.maxRetries(), template.createdAt(), template.nextAttemptAt(), template.leaseOwner(), template.leaseUntil(), null, List.of());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(insert)) {
            StoreDatabase.bind(ps, row);
            ps.executeUpdate();
        }
        return id;
    }

    @Benchmark
    public void withoutAirlock() throws Exception {
        tm.begin();
        business();
        tm.commit();
    }

    @Benchmark
    public void byHand() throws Exception {
        tm.begin();
        business();
        insertByHand();
        tm.commit();
        if (handIds % TRUNCATE_EVERY == 0) {
            long start = System.nanoTime();
            db.execute("TRUNCATE TABLE " + TABLE);
            truncateNanos += System.nanoTime() - start;
            truncatedOps += TRUNCATE_EVERY;
        }
    }

    @Benchmark
    public int byHandOutbox() throws Exception {
        tm.begin();
        business();
        String id = insertByHand();
        tm.commit();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE ID = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate();
        }
    }

    @Benchmark
    public List<Intent> airlock() throws Exception {
        return oneIntentThrough(durable); // the row written in the transaction; after the commit, its dispatch and completion
    }

    @Benchmark
    public List<Intent> airlockNotDurable() throws Exception {
        return oneIntentThrough(notDurable); // bound to the transaction; after the commit, its dispatch
    }

    private List<Intent> oneIntentThrough(IntentExecutor executor) throws Exception {
        tm.begin();
        business();
        io.airlock.Scope scope = new io.airlock.Scope(new AllowAll(), executor).enter();
        airlock.enqueue(DurableSink::accept, argument);
        scope.exit();
        List<Intent> flushed = scope.flush();
        tm.commit();
        return flushed;
    }
}
