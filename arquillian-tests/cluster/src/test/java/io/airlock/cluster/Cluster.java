package io.airlock.cluster;

import io.airlock.store.fixtures.Postgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processes of the scale-out test and benchmark: a PostgreSQL ({@link Postgres}, the extension tests' fixture),
 * one standalone ActiveMQ Artemis broker ({@code artemis create}, then {@code artemis run} in the foreground, on
 * free ports of 127.0.0.1, with its AMQP/MQTT/STOMP/HornetQ acceptors removed and the queue {@code AirlockTasks}
 * declared), and one or two WildFly instances of one unpacked distribution, each with a base directory of its own,
 * configured once with jboss-cli in embed-server mode (the PostgreSQL driver as a module, the XA datasource
 * {@value Runs#DATASOURCE}, the embedded broker removed, a remote connector and pooled connection factory to the
 * standalone broker as {@code java:/JmsXA}, the default JMS connection factory and the MDBs' resource adapter, the
 * queue as an external JMS queue), started with port offsets, node names and transaction node ids of their own,
 * the same WAR on each. An instance can be killed ({@code kill -9}) and started again on its base directory and node
 * id. {@link #close} kills every process and stops PostgreSQL; so does a shutdown hook when the JVM ends earlier
 * (as when failsafe kills it on timeout). The locations come from the system properties the module's pom sets.
 */
final class Cluster implements AutoCloseable {

    static final Path WILDFLY = Path.of(System.getProperty("wildfly.home"));
    static final Path ARTEMIS = Path.of(System.getProperty("artemis.home"));
    static final Path WAR = Path.of(System.getProperty("cluster.war"));
    static final Path DRIVER = Path.of(System.getProperty("cluster.jdbc.driver"));
    static final int[] OFFSETS = {Integer.getInteger("cluster.port.offset.1"), Integer.getInteger("cluster.port.offset.2")};
    static final String[] NODES = {"node1", "node2"};
    static final String BROKER_USER = "admin";
    static final String BROKER_PASSWORD = "admin";

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private final Path work;
    private final int nodes;
    private final Postgres postgres = new Postgres();
    private final List<Process> processes = new ArrayList<>();
    /** The server process of each node, by index; null while it is down. */
    private final Process[] servers;
    /** How many times each node was started: each start has a log of its own. */
    private final int[] starts;
    private final Thread hook = new Thread(this::close, "cluster-stop");
    private int artemisPort;
    private String startLine = "";

    /** {@code nodes} WildFly instances (1 or 2), their base directories and the broker's instance under {@code work}. */
    Cluster(Path work, int nodes) {
        if (nodes < 1 || nodes > NODES.length) {
            throw new IllegalArgumentException("1 or 2 instances, not " + nodes);
        }
        this.work = work;
        this.nodes = nodes;
        this.servers = new Process[nodes];
        this.starts = new int[nodes];
    }

    int nodes() {
        return nodes;
    }

    /** What the start took, for the test's output. */
    String startLine() {
        return startLine;
    }

    /** PostgreSQL and its tables, the broker, the servers' configuration, then every server with the WAR deployed. */
    Cluster start() throws Exception {
        Runtime.getRuntime().addShutdownHook(hook);
        long t0 = System.nanoTime();
        deleteTree(work);
        Files.createDirectories(work);
        postgres.start();
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE RUNS (ID BIGSERIAL PRIMARY KEY, INTENT_ID VARCHAR(64) NOT NULL, BATCH VARCHAR(100) NOT NULL, "
                    + "IDX INTEGER NOT NULL, SENT_BY VARCHAR(20) NOT NULL, RAN_ON VARCHAR(20) NOT NULL, AT_MILLIS BIGINT NOT NULL, "
                    + "DELIVERY_COUNT INTEGER NOT NULL)");
            s.execute("CREATE INDEX RUNS_BATCH ON RUNS (BATCH)");
            s.execute("CREATE TABLE REQUESTS (BATCH VARCHAR(100) NOT NULL PRIMARY KEY, INTENTS INTEGER NOT NULL, NODE VARCHAR(20) NOT NULL, "
                    + "AT_MILLIS BIGINT NOT NULL)");
            // the store's table (docs/durability.md, PostgreSQL), created here: two instances starting at once would
            // both try to create it
            s.execute("CREATE TABLE AIRLOCK_INTENT (ID VARCHAR(64) NOT NULL PRIMARY KEY, NAME VARCHAR(200) NOT NULL, "
                    + "EXECUTOR VARCHAR(200) NOT NULL, PAYLOAD TEXT NOT NULL, STATE VARCHAR(16) NOT NULL, ATTEMPTS INTEGER NOT NULL, "
                    + "MAX_RETRIES INTEGER NOT NULL, CREATED_AT BIGINT NOT NULL, NEXT_ATTEMPT_AT BIGINT NOT NULL, LEASE_OWNER VARCHAR(200), "
                    + "LEASE_UNTIL BIGINT, COMPLETED_AT BIGINT, HISTORY TEXT)");
            s.execute("CREATE INDEX AIRLOCK_INTENT_DUE ON AIRLOCK_INTENT (STATE, NEXT_ATTEMPT_AT)");
            s.execute("CREATE TABLE AIRLOCK_INTENT_VERSION (VERSION INTEGER NOT NULL)");
            s.execute("INSERT INTO AIRLOCK_INTENT_VERSION (VERSION) VALUES (1)");
        }
        startBroker();
        long t1 = System.nanoTime();
        configureServers();
        long t2 = System.nanoTime();
        for (int i = 0; i < nodes; i++) {
            servers[i] = startServer(i);
        }
        for (int i = 0; i < nodes; i++) {
            awaitDeployed(i);
        }
        startLine = String.format("PostgreSQL on %d, Artemis on %d (%.1f s), servers configured (%.1f s), %s up with the WAR (%.1f s)",
                postgres.port(), artemisPort, (t1 - t0) / 1e9, (t2 - t1) / 1e9, nodes == 1 ? "node1" : "both",
                (System.nanoTime() - t2) / 1e9);
        return this;
    }

    /** Kills every process and stops PostgreSQL (deleting its folder). */
    @Override
    public synchronized void close() {
        new ArrayList<>(processes).forEach(this::killTree);
        processes.clear();
        postgres.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // called by the hook itself
        }
    }

    boolean isUp(int node) {
        return servers[node] != null && servers[node].isAlive();
    }

    /**
     * The prefix of the store's lease owner for this instance: the lease owner names the JVM's pid first, and the
     * instance's JVM is the descendant of its start script.
     */
    String leaseOwnerPrefix(int node) {
        return servers[node].descendants().filter(h -> h.info().command().orElse("").endsWith("java"))
                .map(h -> h.pid() + "@").findFirst().orElseThrow();
    }

    /** {@code kill -9} of the instance's start script and JVM. */
    void kill(int node) {
        killTree(servers[node]);
        servers[node] = null;
    }

    /** Starts the instance again, on its base directory, with its node name and transaction node id, and waits for the WAR. */
    void restart(int node) throws Exception {
        if (isUp(node)) {
            throw new IllegalStateException(NODES[node] + " is running");
        }
        servers[node] = startServer(node);
        awaitDeployed(node);
    }

    HttpRequest.Builder request(int node, String path) {
        int port = 8080 + OFFSETS[node];
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cluster/api/" + path)).timeout(Duration.ofSeconds(30));
    }

    /** {@code POST api/work/{batch}?n=intents}, with {@code &sleep=} when {@code sleepMillis > 0}. */
    HttpResponse<String> work(int node, String batch, int intents, long sleepMillis) throws IOException, InterruptedException {
        String path = "work/" + batch + "?n=" + intents + (sleepMillis > 0 ? "&sleep=" + sleepMillis : "");
        return HTTP.send(request(node, path).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------- the database

    Connection db() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
    }

    long count(String sql) throws SQLException {
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    Map<String, Long> groups(String sql) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                m.put(r.getString(1), r.getLong(2));
            }
        }
        return m;
    }

    List<String> strings(String sql) throws SQLException {
        List<String> l = new ArrayList<>();
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                l.add(r.getString(1));
            }
        }
        return l;
    }

    /** Polls {@code sql} (a count) every {@code every} until it reaches {@code expected}; false after {@code within}. */
    boolean awaitCount(String sql, long expected, Duration within, Duration every) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (count(sql) < expected) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(every.toMillis());
        }
        return true;
    }

    boolean awaitCount(String sql, long expected, Duration within) throws Exception {
        return awaitCount(sql, expected, within, Duration.ofMillis(200));
    }

    // ---------------------------------------------------------------- the broker

    private void startBroker() throws Exception {
        artemisPort = freePort();
        Path instance = work.resolve("broker");
        run(work.resolve("artemis-create.out"), List.of(ARTEMIS.resolve("bin/artemis").toString(), "create", "--user", BROKER_USER,
                "--password", BROKER_PASSWORD, "--require-login", "--no-web", "--silent", "--host", "127.0.0.1",
                "--default-port", String.valueOf(artemisPort), "--http-port", String.valueOf(freePort()), instance.toString()), Map.of());
        Path brokerXml = instance.resolve("etc/broker.xml");
        String xml = Files.readString(brokerXml);
        // only the core acceptor on the free port: the others listen on fixed standard ports
        for (String name : List.of("amqp", "stomp", "hornetq", "mqtt")) {
            xml = xml.replaceAll("(?s)\\s*<acceptor name=\"" + name + "\">.*?</acceptor>", "");
        }
        xml = xml.replace("<addresses>", "<addresses>\n         <address name=\"AirlockTasks\"><anycast><queue name=\"AirlockTasks\"/></anycast></address>");
        require(xml.contains("name=\"AirlockTasks\""), "the queue is declared in " + brokerXml);
        Files.writeString(brokerXml, xml);
        Path log = work.resolve("broker.out");
        Process broker = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(broker);
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!Files.readString(log).contains("AMQ221007")) {   // "Server is now active"
            require(broker.isAlive(), "the broker ended; see " + log);
            require(System.nanoTime() < end, "the broker did not start within 90 s; see " + log);
            Thread.sleep(200);
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), artemisPort)) {
            // listening
        }
    }

    // ---------------------------------------------------------------- the servers

    /** Configures the first base directory with jboss-cli (embed-server) and copies its configuration to the others. */
    private void configureServers() throws Exception {
        Path module = WILDFLY.resolve("modules/org/postgresql/main");
        Files.createDirectories(module);
        Files.copy(DRIVER, module.resolve("postgresql.jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(module.resolve("module.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <module xmlns="urn:jboss:module:1.9" name="org.postgresql">
                  <resources><resource-root path="postgresql.jar"/></resources>
                  <dependencies>
                    <module name="java.se"/>
                    <module name="jakarta.transaction.api"/>
                  </dependencies>
                </module>
                """);
        Path first = base(0);
        copyTree(WILDFLY.resolve("standalone/configuration"), first.resolve("configuration"));
        Path script = work.resolve("configure.cli");
        Files.writeString(script, """
                embed-server --server-config=standalone-full.xml --std-out=discard
                batch
                /subsystem=datasources/jdbc-driver=postgresql:add(driver-name=postgresql, driver-module-name=org.postgresql, \
                driver-xa-datasource-class-name=org.postgresql.xa.PGXADataSource)
                /subsystem=datasources/xa-data-source=AirlockDS:add(jndi-name=%s, driver-name=postgresql, user-name=postgres, \
                password=postgres, min-pool-size=0, max-pool-size=20)
                /subsystem=datasources/xa-data-source=AirlockDS/xa-datasource-properties=ServerName:add(value=127.0.0.1)
                /subsystem=datasources/xa-data-source=AirlockDS/xa-datasource-properties=PortNumber:add(value="${cluster.pg.port}")
                /subsystem=datasources/xa-data-source=AirlockDS/xa-datasource-properties=DatabaseName:add(value=postgres)
                /subsystem=messaging-activemq/server=default:remove
                /socket-binding-group=standard-sockets/remote-destination-outbound-socket-binding=artemis:add(host=127.0.0.1, \
                port="${cluster.artemis.port}")
                /subsystem=messaging-activemq/remote-connector=artemis:add(socket-binding=artemis)
                /subsystem=messaging-activemq/pooled-connection-factory=artemis-ra:add(connectors=[artemis], \
                entries=[java:/JmsXA, java:jboss/DefaultJMSConnectionFactory], user=%s, password=%s, transaction=xa, enable-amq1-prefix=false)
                /subsystem=messaging-activemq/external-jms-queue=AirlockTasks:add(entries=[%s], enable-amq1-prefix=false)
                /subsystem=ejb3:write-attribute(name=default-resource-adapter-name, value=artemis-ra)
                run-batch
                stop-embedded-server
                """.formatted(Runs.DATASOURCE, BROKER_USER, BROKER_PASSWORD, ClusterTasksMdb.QUEUE));
        run(work.resolve("configure.out"), List.of(WILDFLY.resolve("bin/jboss-cli.sh").toString(), "--file=" + script),
                Map.of("JAVA_OPTS", "-Djboss.server.base.dir=" + first));
        for (int i = 0; i < nodes; i++) {
            if (i > 0) {
                copyTree(first.resolve("configuration"), base(i).resolve("configuration"));
            }
            Files.createDirectories(base(i).resolve("deployments"));
            Files.copy(WAR, base(i).resolve("deployments/cluster.war"));
        }
    }

    private Path base(int node) {
        return work.resolve(NODES[node]);
    }

    /** The log of the instance's latest start: {@code node1.out}, then {@code node1-2.out}, ... */
    Path log(int node) {
        return work.resolve(NODES[node] + (starts[node] > 1 ? "-" + starts[node] : "") + ".out");
    }

    private Process startServer(int node) throws Exception {
        starts[node]++;
        ProcessBuilder pb = new ProcessBuilder(WILDFLY.resolve("bin/standalone.sh").toString(), "-c", "standalone-full.xml",
                "-Djboss.server.base.dir=" + base(node), "-Djboss.socket.binding.port-offset=" + OFFSETS[node],
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1",
                "-Djboss.node.name=" + NODES[node], "-Djboss.tx.node.id=" + NODES[node],
                "-Dcluster.pg.port=" + postgres.port(), "-Dcluster.artemis.port=" + artemisPort,
                // transaction recovery every 15 s instead of 120: a restarted instance finishes what it left in doubt
                // soon, also when its first pass comes before the resource adapter's recovery is registered
                "-Dcom.arjuna.ats.arjuna.recovery.periodicRecoveryPeriod=15", "-DRecoveryEnvironmentBean.periodicRecoveryPeriod=15")
                .redirectErrorStream(true).redirectOutput(log(node).toFile());
        pb.environment().put("JAVA_OPTS", "-Xms64m -Xmx512m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m -Djava.net.preferIPv4Stack=true");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private void awaitDeployed(int node) throws Exception {
        Process p = servers[node];
        Path log = log(node);
        long end = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (true) {
            require(p.isAlive(), NODES[node] + " ended; see " + log);
            try {
                HttpResponse<String> r = HTTP.send(request(node, "work/node").GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    require(NODES[node].equals(r.body().trim()), "port of " + NODES[node] + " answered by " + r.body());
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Path failed = base(node).resolve("deployments/cluster.war.failed");
            require(!Files.exists(failed), () -> "the WAR failed to deploy on " + NODES[node] + ": " + read(failed) + "; see " + log);
            require(System.nanoTime() < end, NODES[node] + " did not answer within 240 s; see " + log);
            Thread.sleep(250);
        }
    }

    // ---------------------------------------------------------------- processes and files

    /** SIGKILL of the process and every descendant (the scripts fork the JVMs), then waits until they are gone. */
    private void killTree(Process p) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("cluster: pid " + h.pid() + " still alive after kill -9: " + e);
            }
        }
        synchronized (this) {
            processes.remove(p);
        }
    }

    /** Runs a command to its end (at most 180 s), its output in {@code out}; fails with that output when it fails. */
    private void run(Path out, List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.add(p);
        try {
            require(p.waitFor(180, TimeUnit.SECONDS), () -> "timed out after 180 s: " + String.join(" ", command) + "\n" + read(out));
            require(p.exitValue() == 0 && !read(out).contains("Failed"),
                    () -> "failed (exit " + p.exitValue() + "): " + String.join(" ", command) + "\n" + read(out));
        } finally {
            killTree(p);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void require(boolean condition, java.util.function.Supplier<String> message) {
        if (!condition) {
            throw new IllegalStateException(message.get());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
