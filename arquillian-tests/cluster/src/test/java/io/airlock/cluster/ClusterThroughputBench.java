package io.airlock.cluster;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Intents per second through one WildFly instance and through two, on the same kind of broker and database: each
 * trial starts a {@link Cluster} of {@code instances} instances (a PostgreSQL, a standalone Artemis, the WildFlys
 * with the WAR) and stops it at its end. One operation: {@value #REQUESTS} HTTP requests of {@value #INTENTS}
 * intents each ({@code POST api/work/{batch}?n=5}: one transaction, the intents written to the shared table and,
 * after the commit, sent to the queue), spread over the running instances round-robin and sent by
 * {@value #CLIENTS} concurrent clients, then a wait until every one of their tasks has recorded its run in the RUNS
 * table (written by the MDB that ran it, in its delivery's XA transaction). The score is intents per second, from
 * the request to the run; the figure to read is the ratio of the two trials, measured in one run. At the end of
 * each trial it prints how many runs, distinct intents and duplicates there were.
 *
 * <p>Not part of the default build: {@code mvn -B verify -pl arquillian-tests/cluster -am -Pcluster-benchmark
 * -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -DskipJava25=true} (see docs/scale-out.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ClusterThroughputBench.REQUESTS * ClusterThroughputBench.INTENTS)
@Fork(1)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 5, time = 10)
public class ClusterThroughputBench {

    static final int REQUESTS = 40;
    static final int INTENTS = 5;
    static final int CLIENTS = 4;

    @Param({"1", "2"})
    public int instances;

    private Cluster cluster;
    private ExecutorService clients;
    private Connection db;
    private int batches;

    @Setup(Level.Trial)
    public void start() throws Exception {
        cluster = new Cluster(Path.of(System.getProperty("cluster.work")), instances);
        try {
            cluster.start();
            db = cluster.db();
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        clients = Executors.newFixedThreadPool(CLIENTS);
        System.out.println("cluster benchmark: " + cluster.startLine());
    }

    @Benchmark
    public void intents() throws Exception {
        String prefix = "b" + (++batches) + "-";
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int r = 0; r < REQUESTS; r++) {
            int node = r % instances;
            String batch = prefix + r;
            answers.add(clients.submit(() -> cluster.work(node, batch, INTENTS, 0)));
        }
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> r = answer.get(60, TimeUnit.SECONDS);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("request answered " + r.statusCode() + ": " + r.body());
            }
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (PreparedStatement s = db.prepareStatement("SELECT COUNT(*) FROM RUNS WHERE BATCH LIKE ?")) {
            s.setString(1, prefix + "%");
            while (true) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) >= REQUESTS * INTENTS) {
                        return;
                    }
                }
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("the intents of " + prefix + "* did not all run within 120 s");
                }
                Thread.sleep(5);
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        try {
            Thread.sleep(2000);   // a late duplicate would show up in this time
            long expected = (long) batches * REQUESTS * INTENTS;
            System.out.printf("%ncluster benchmark: %d instance(s): %d requests, %d intents committed, %d runs of %d distinct intents "
                    + "(%d duplicates); runs per instance %s; runs by JMSXDeliveryCount %s; intent rows left %d%n", instances,
                    cluster.count("SELECT COUNT(*) FROM REQUESTS"), expected, cluster.count("SELECT COUNT(*) FROM RUNS"),
                    cluster.count("SELECT COUNT(DISTINCT INTENT_ID) FROM RUNS"),
                    cluster.count("SELECT COUNT(*) - COUNT(DISTINCT INTENT_ID) FROM RUNS"),
                    cluster.groups("SELECT RAN_ON, COUNT(*) FROM RUNS GROUP BY RAN_ON ORDER BY RAN_ON"),
                    cluster.groups("SELECT CAST(DELIVERY_COUNT AS VARCHAR), COUNT(*) FROM RUNS GROUP BY DELIVERY_COUNT ORDER BY DELIVERY_COUNT"),
                    cluster.count("SELECT COUNT(*) FROM AIRLOCK_INTENT"));
        } finally {
            if (clients != null) {
                clients.shutdownNow();
            }
            if (db != null) {
                db.close();
            }
            cluster.close();
        }
    }
}
