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
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The units of work the durable commit benchmarks compare, on one database ({@code h2} or {@code postgresql}): one
 * Narayana transaction doing the application's own work ({@code UPDATE ACCOUNT SET BALANCE = BALANCE + 1 WHERE
 * ID = 1} through the JTA datasource), alone, with one row inserted by hand, or with one durable intent. See
 * {@link DurableCommitBench} for each; {@link DurableCommitPairedBench} times them side by side.
 */
final class DurableWork {

    static final String TABLE = JdbcIntentStore.DEFAULT_TABLE;
    /** The table {@link #byHand()} writes, of the same definition: apart from airlock's, so that emptying it never touches a pending intent. */
    static final String HAND_TABLE = "AIRLOCK_BY_HAND";
    static final String BUSINESS = "UPDATE ACCOUNT SET BALANCE = BALANCE + 1 WHERE ID = 1";
    static final int TRUNCATE_EVERY = 1000;

    private final WeldContainer container;
    private final TransactionManager tm;
    private final StoreDatabase db;
    private final DataSource dataSource;
    private final Durability durability;
    private final IntentExecutor durable;
    private final IntentExecutor notDurable = IntentExecutor.sync();
    private final Airlock airlock = Airlock.get();
    private final Long argument = 42L;
    private final StoredIntent template;
    private final String insert;
    private long handIds;
    private long truncateNanos;
    private long truncatedOps;

    /**
     * @param database {@code h2} (in memory, XA) or {@code postgresql} (a real server over loopback, XA, fsync off)
     * @param completions the scheduler that writes completions in batches, as the relay's ManagedScheduledExecutorService does
     */
    DurableWork(String database, ScheduledExecutorService completions) throws Exception {
        this(database, completions, StoreSettings.defaults("bench", TABLE));
    }

    /** @param settings the store's settings ({@code keep-completed}, the batch size, …) */
    DurableWork(String database, ScheduledExecutorService completions, StoreSettings settings) throws Exception {
        container = Containers.startWithNarayana(DurableSink.class);
        tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        db = database.equals("postgresql") ? StoreDatabase.postgres() : StoreDatabase.inMemory("commit");
        db.execute("CREATE TABLE ACCOUNT (ID INTEGER PRIMARY KEY, BALANCE BIGINT NOT NULL)");
        db.execute("INSERT INTO ACCOUNT VALUES (1, 0)");
        dataSource = db.jta();
        JdbcIntentStore.open(db.plain(), HAND_TABLE, true);
        JdbcIntentStore store = JdbcIntentStore.open(dataSource, TABLE, true);
        TaskRegistry tasks = DurableSink.registry();
        durability = new Durability(() -> store, settings, name -> IntentExecutor.sync(), () -> tasks,
                Clock.systemUTC());
        durable = durability.executor("sync", IntentExecutor.sync());
        durability.completeOn(completions);
        Instant now = Instant.now();
        Intent intent = Intent.builder(DurableSink.ACCEPT, List.of(argument)).build();
        template = new StoredIntent(intent.id(), intent.name(), "sync", IntentCodec.encode(intent), IntentState.PENDING, 0, 5, now, now,
                "bench-owner", now.plusSeconds(300), null, List.of());
        insert = String.format(StoreDatabase.INSERT, HAND_TABLE);
    }

    /** Writes the completions that wait, empties airlock's table, and prints what emptying the hand-written rows' table cost. */
    void endIteration() {
        if (truncatedOps > 0) {
            System.out.printf(java.util.Locale.ROOT, "(TRUNCATE every %d operations: %.3f us per operation)%n", TRUNCATE_EVERY,
                    truncateNanos / 1000.0 / truncatedOps);
            truncateNanos = 0;
            truncatedOps = 0;
        }
        durability.flushCompletions(); // the completions that wait are written first: a row deleted under them would be reported lost
        db.execute("DELETE FROM " + TABLE);
        if (Boolean.getBoolean("bench.vacuum")) {
            db.execute("VACUUM " + TABLE);
        }
    }

    /** One pass of the relay, as a server's scheduler runs it every poll interval: what is due, and the purge of completed rows. */
    int relayPass() {
        return durability.relayNow();
    }

    /** The database the work writes to. */
    StoreDatabase db() {
        return db;
    }

    void close() {
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

    /** The transaction alone. */
    void withoutAirlock() throws Exception {
        tm.begin();
        business();
        tm.commit();
    }

    /**
     * The transaction inserting one comparable row by hand; the rows are removed every {@value #TRUNCATE_EVERY}
     * operations by {@code TRUNCATE TABLE}, timed with the operation that does it.
     */
    void byHand() throws Exception {
        tm.begin();
        business();
        insertByHand();
        tm.commit();
        if (handIds % TRUNCATE_EVERY == 0) {
            long start = System.nanoTime();
            db.execute("TRUNCATE TABLE " + HAND_TABLE);
            truncateNanos += System.nanoTime() - start;
            truncatedOps += TRUNCATE_EVERY;
        }
    }

    /** A hand-written outbox in full: {@link #byHand()}, then after the commit a delete of that row (auto-commit). */
    int byHandOutbox() throws Exception {
        tm.begin();
        business();
        String id = insertByHand();
        tm.commit();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM " + HAND_TABLE + " WHERE ID = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate();
        }
    }

    /** One durable intent: the row written in the transaction; after the commit, its dispatch and completion. */
    List<Intent> airlock() throws Exception {
        return oneIntentThrough(durable);
    }

    /** One intent bound to the transaction and dispatched after the commit, nothing written. */
    List<Intent> airlockNotDurable() throws Exception {
        return oneIntentThrough(notDurable);
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
