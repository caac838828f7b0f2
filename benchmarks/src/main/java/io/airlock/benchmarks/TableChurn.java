package io.airlock.benchmarks;

import io.airlock.internal.cdi.Settings;
import io.airlock.internal.store.StoreSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The durable table under steady churn on PostgreSQL: one thread runs {@link DurableWork#airlock()} (a transaction
 * writing one durable intent, dispatched and completed after the commit, completions deleted in batches on a
 * scheduler as in a server) for {@code seconds}, and every {@code every} seconds prints the rate, the table's and
 * its indexes' size, its dead rows and how often autovacuum has run on it. Every intent is a row inserted and
 * deleted, so the table grows with the dead rows autovacuum has not yet reclaimed.
 * The settings, one or more separated by commas: {@code default}, PostgreSQL's; {@code table}, the table's own
 * autovacuum settings for a busy table (vacuumed once 10,000 rows are dead, at full speed); {@code naptime=10s},
 * autovacuum looking at each database every 10 s instead of every minute (a server setting, {@code autovacuum_naptime});
 * {@code keep-completed=1m}, completed intents kept for a minute ({@code airlock.store.keep-completed}: each row
 * inserted, updated when completed, and deleted by the relay's purge, whose pass runs every poll interval as in a
 * server).
 * Not a JMH benchmark (one long run, measured as it goes):
 * <pre>
 * java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar io.airlock.benchmarks.TableChurn 300 30 default
 * </pre>
 */
public final class TableChurn {

    /** The table's own settings for a busy table. */
    static final String TABLE_SETTINGS = "ALTER TABLE " + DurableWork.TABLE + " SET (autovacuum_vacuum_scale_factor = 0, "
            + "autovacuum_vacuum_threshold = 10000, autovacuum_vacuum_cost_delay = 0)";

    private TableChurn() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String settings = args.length > 2 ? args[2] : "default";
        Sink.use(new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous."));
        ScheduledExecutorService completions = Executors.newSingleThreadScheduledExecutor();
        StoreSettings store = StoreSettings.defaults("bench", DurableWork.TABLE);
        for (String setting : settings.split(",")) {
            if (setting.startsWith("keep-completed=")) {
                store = store.withKeepCompleted(Settings.duration(setting.substring(15)));
            }
        }
        DurableWork work = new DurableWork("postgresql", completions, store);
        try {
            for (String setting : settings.split(",")) {
                if (setting.equals("table")) {
                    work.db().execute(TABLE_SETTINGS);
                } else if (setting.startsWith("naptime=")) {
                    work.db().execute("ALTER SYSTEM SET autovacuum_naptime = '" + setting.substring(8) + "'");
                    work.db().execute("SELECT pg_reload_conf()");
                } else if (!setting.equals("default") && !setting.startsWith("keep-completed=")) {
                    throw new IllegalArgumentException("settings: default, table, naptime=DURATION or keep-completed=DURATION, "
                            + "separated by commas, not " + setting);
                }
            }
            if (!store.keepCompleted().isZero()) {
                long poll = store.pollInterval().toMillis();
                completions.scheduleWithFixedDelay(() -> {
                    try {
                        work.relayPass();
                    } catch (RuntimeException e) {
                        e.printStackTrace(); // and the next pass runs: a throwing task would stop the schedule
                    }
                }, poll, poll, TimeUnit.MILLISECONDS);
            }
            System.out.println("settings: " + settings);
            System.out.println("   s | intents/s | table kB | indexes kB | live rows | dead rows | autovacuums");
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long nextReport = start + every * 1_000_000_000L;
            long done = 0;
            long doneAtReport = 0;
            long lastReport = start;
            while (System.nanoTime() < end) {
                work.airlock();
                done++;
                long now = System.nanoTime();
                if (now >= nextReport) {
                    report(work.db(), (now - start) / 1e9, (done - doneAtReport) / ((now - lastReport) / 1e9));
                    doneAtReport = done;
                    lastReport = now;
                    nextReport += every * 1_000_000_000L;
                }
            }
            System.out.printf(Locale.ROOT, "%,d intents in %d s%n", done, seconds);
        } finally {
            completions.shutdown();
            completions.awaitTermination(30, TimeUnit.SECONDS);
            work.endIteration(); // the completions that wait, written before the database stops
            work.close();
        }
    }

    private static void report(StoreDatabase db, double at, double rate) throws SQLException {
        String table = DurableWork.TABLE.toLowerCase(Locale.ROOT);
        try (Connection c = db.plain().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pg_relation_size(relid), pg_indexes_size(relid), n_live_tup, n_dead_tup, autovacuum_count "
                        + "FROM pg_stat_user_tables WHERE relname = '" + table + "'")) {
            if (!rs.next()) {
                throw new IllegalStateException("no statistics for " + table);
            }
            System.out.printf(Locale.ROOT, "%4.0f | %9.0f | %8d | %10d | %9d | %9d | %11d%n", at, rate, rs.getLong(1) / 1024, rs.getLong(2) / 1024,
                    rs.getLong(3), rs.getLong(4), rs.getLong(5));
        }
    }
}
