package io.airlock.benchmarks;

import io.airlock.IntentExecutor;
import io.airlock.internal.jms.TaskRegistry;
import io.airlock.internal.store.Durability;
import io.airlock.internal.store.StoreSettings;
import io.airlock.store.StoredIntent;
import io.airlock.store.jdbc.JdbcIntentStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A backlog of due intents drained by the relay with bounded memory: writes {@code rows} due, unleased rows
 * into an H2 file database (by hand, in transactions of 10,000), then drains them with {@code relayNow()}
 * (batch size 100, the default; one thread, the sync executor, a no-op task) until it claims nothing, and
 * reports:
 * <ul>
 * <li>the heap retained after a full GC ({@code System.gc()}) before the drain and every {@code every}
 * intents drained: what the drain keeps alive, which must not grow with the backlog;</li>
 * <li>the highest heap use sampled every 20 ms during the drain (garbage included, so it depends on the heap
 * size and the collector more than on airlock);</li>
 * <li>the bytes the draining thread allocated per intent;</li>
 * <li>the drain rate of each segment of {@code every} intents: a pass whose cost grew with the rows left (a
 * claim that reads the whole backlog) would show as a rate rising while the backlog shrinks.</li>
 * </ul>
 * Not a JMH benchmark (one long run, measured as it goes):
 * <pre>
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar io.airlock.benchmarks.BacklogDrain 1000000 100000 benchmarks/target/backlog
 * </pre>
 */
public final class BacklogDrain {

    private BacklogDrain() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : Math.max(1, rows / 10);
        Path dir = Path.of(args.length > 2 ? args[2] : "benchmarks/target/backlog");
        delete(dir);
        Files.createDirectories(dir);
        Containers.configureNarayana();
        Sink.use(new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous."));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        StoreDatabase db = StoreDatabase.h2("jdbc:h2:file:" + dir.toAbsolutePath().resolve("intents"));
        JdbcIntentStore store = JdbcIntentStore.open(db.jta(), JdbcIntentStore.DEFAULT_TABLE, true);
        long t0 = System.nanoTime();
        fill(db, rows);
        System.out.printf(Locale.ROOT, "backlog: %,d due rows written in %.1f s (H2 file database in %s, %,d MB on disk)%n", rows,
                (System.nanoTime() - t0) / 1e9, dir, size(dir) >> 20);

        TaskRegistry tasks = DurableSink.registry();
        Durability durability = new Durability(() -> store, StoreSettings.defaults("bench", JdbcIntentStore.DEFAULT_TABLE), name -> IntentExecutor.sync(),
                () -> tasks, Clock.systemUTC());
        System.out.printf(Locale.ROOT, "heap max %,d MB; retained after a full GC before the drain: %.1f MB%n", memory.getHeapMemoryUsage().getMax() >> 20,
                retained(memory));

        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();

        long thread = Thread.currentThread().getId();
        long allocated = threads.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        long segmentStart = start;
        long drained = 0;
        long nextReport = every;
        double maxRetained = 0;
        for (int claimed; (claimed = durability.relayNow()) > 0; ) {
            drained += claimed;
            if (drained >= nextReport) {
                long now = System.nanoTime();
                long allocatedSoFar = threads.getThreadAllocatedBytes(thread) - allocated;
                double kept = retained(memory);
                maxRetained = Math.max(maxRetained, kept);
                System.out.printf(Locale.ROOT, "drained %,9d: segment %,7.0f intents/s; retained after full GC %.1f MB; %,.0f B allocated per intent%n",
                        drained, every / ((now - segmentStart) / 1e9), kept, (double) allocatedSoFar / drained);
                nextReport += every;
                segmentStart = System.nanoTime(); // the full GC is not the drain's
            }
        }
        long elapsed = System.nanoTime() - start;
        long allocatedTotal = threads.getThreadAllocatedBytes(thread) - allocated;
        sampler.interrupt();
        long left = db.count(JdbcIntentStore.DEFAULT_TABLE);
        System.out.printf(Locale.ROOT, "drained %,d intents (%,d left) in %.1f s (full GCs included): %,.0f intents/s%n", drained, left, elapsed / 1e9,
                drained / (elapsed / 1e9));
        System.out.printf(Locale.ROOT, "heap: highest retained after a full GC during the drain %.1f MB; highest sampled use %.1f MB; "
                + "%,.0f B allocated per intent by the draining thread%n", maxRetained, peak.get() / 1048576.0, (double) allocatedTotal / drained);
        db.close();
        delete(dir);
        if (left != 0 || drained != rows) {
            throw new IllegalStateException("drained " + drained + " of " + rows + ", " + left + " left");
        }
    }

    /** Writes {@code rows} due, unleased rows by hand, 10,000 per transaction, encoding 10,000 at a time (the heap holds no more). */
    private static void fill(StoreDatabase db, int rows) throws SQLException {
        int chunk = 10_000;
        try (Connection c = db.plain().getConnection();
                PreparedStatement ps = c.prepareStatement(String.format(StoreDatabase.INSERT, JdbcIntentStore.DEFAULT_TABLE))) {
            c.setAutoCommit(false);
            for (int done = 0; done < rows; done += chunk) {
                List<StoredIntent> batch = StoreDatabase.dueRows(Math.min(chunk, rows - done), Instant.now());
                for (StoredIntent row : batch) {
                    StoreDatabase.bind(ps, row);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            }
            c.setAutoCommit(true);
        }
    }

    private static double retained(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
