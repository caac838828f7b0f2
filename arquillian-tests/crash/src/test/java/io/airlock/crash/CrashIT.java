package io.airlock.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Durable intents across a real crash. The test starts WildFly ({@code bin/standalone.sh}) as a process of its
 * own, with this module's WAR and a file database, and kills the whole process tree with SIGKILL
 * ({@link ProcessHandle#destroyForcibly()}) at each crash point, with {@value #ORDERS} committed orders held
 * there and one rolled-back order:
 *
 * <ol>
 *   <li>{@link CrashPoint#AFTER_COMMIT}: the orders committed, their rows written, no task ran;</li>
 *   <li>{@link CrashPoint#DURING_DISPATCH}: each task recorded "started" and is running;</li>
 *   <li>{@link CrashPoint#AFTER_TASK}: each task recorded "finished", its row not yet completed.</li>
 * </ol>
 *
 * <p>Each kill is followed by a new boot on the same database (nothing armed), whose relay claims the rows once
 * their lease has passed; the next point is armed on that boot, so 4 boots cover 3 kills. Then: every committed
 * order's task finished, with the intent id of its order; the intent table is empty; rolled-back orders never
 * ran; and a <em>duplicate</em> — a finished run recorded twice for one intent — happens at point 3 only, as
 * docs/durability.md says (at point 2 the task runs twice, but only the second run finishes).
 */
class CrashIT {

    static final int ORDERS = 5;

    static final Path WILDFLY = Path.of(System.getProperty("wildfly.home"));
    static final Path WAR = Path.of(System.getProperty("crash.war"));
    static final Path BASE = Path.of(System.getProperty("crash.server.base"));
    static final Path DB = Path.of(System.getProperty("crash.db"));
    static final int OFFSET = Integer.getInteger("crash.port.offset");
    static final String API = "http://127.0.0.1:" + Integer.getInteger("crash.http.port") + "/crash/api/crash/";

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    static final List<Process> SERVERS = new ArrayList<>();

    static {
        // the server dies with the test JVM, also when failsafe kills it on timeout
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SERVERS.forEach(CrashIT::killTree)));
    }

    @Test
    void committedIntentsSurviveKillMinus9AtEachPoint() throws Exception {
        long t0 = System.nanoTime();
        freshServerBase();
        int boot = 0;
        Map<CrashPoint, Integer> crashedOnBoot = new LinkedHashMap<>();
        Process server = start(++boot);
        CrashPoint previous = null;
        for (CrashPoint point : CrashPoint.values()) {
            if (previous != null) {
                awaitRecovered(previous);
            }
            placeAndHold(point);
            kill(server);
            crashedOnBoot.put(point, boot);
            server = start(++boot);
            previous = point;
        }
        awaitRecovered(previous);
        kill(server);   // the database is read by this JVM alone from here on
        System.out.printf("crash test: %d boots, %d kills, %.1f s%n", boot, crashedOnBoot.size(), (System.nanoTime() - t0) / 1e9);
        check(crashedOnBoot);
    }

    /** Arms the point, places the orders and waits until every one is held there; the rolled-back order is answered 500. */
    private void placeAndHold(CrashPoint point) throws Exception {
        assertEquals(200, post("arm/" + point.name()).statusCode());
        for (int i = 0; i < ORDERS; i++) {
            // never answered: the request's thread dispatches after the commit and is held
            HTTP.sendAsync(request("orders/" + point.prefix() + i).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        HttpResponse<String> rolledBack = post("orders/" + point.prefix() + "rollback?fail=true");
        assertEquals(500, rolledBack.statusCode(), "the rolled-back order: " + rolledBack.body());
        Map<String, Long> state = await(point.prefix(), s -> s.get("held") == ORDERS, Duration.ofSeconds(60),
                ORDERS + " orders held at " + point);
        assertEquals(ORDERS, state.get("rows"), "every committed order has its row before the kill: " + state);
        assertEquals(ORDERS, state.get("orders"), "the committed orders: " + state);
        System.out.println("crash test: " + point + " reached, before kill -9: " + state);
    }

    private void awaitRecovered(CrashPoint point) throws Exception {
        Map<String, Long> state = await(point.prefix(), s -> s.get("finished") == ORDERS && s.get("rows") == 0, Duration.ofSeconds(90),
                "the relay dispatched the intents left at " + point);
        assertEquals(0, state.get("failed"), "no intent FAILED: " + state);
        System.out.println("crash test: " + point + " recovered after the restart: " + state);
    }

    private void check(Map<CrashPoint, Integer> crashedOnBoot) throws SQLException {
        Properties user = new Properties();
        user.setProperty("user", "sa");
        user.setProperty("password", "sa");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + DB, user)) {
            assertEquals(0, single(c, "SELECT COUNT(*) FROM AIRLOCK_INTENT", null), "the intent table is empty at the end");
            StringBuilder report = new StringBuilder("crash test: per point (orders committed / started runs / finished runs / duplicates)\n");
            for (Map.Entry<CrashPoint, Integer> e : crashedOnBoot.entrySet()) {
                CrashPoint point = e.getKey();
                int crashBoot = e.getValue();
                String prefix = point.prefix();
                assertEquals(0, single(c, "SELECT COUNT(*) FROM ORDERS WHERE ORDER_KEY = ?", prefix + "rollback"), "rolled back: no order row");
                assertEquals(0, single(c, "SELECT COUNT(*) FROM RUNS WHERE ORDER_KEY = ?", prefix + "rollback"), "a rolled-back order never runs");
                Map<String, String> intentOf = new HashMap<>();
                try (PreparedStatement s = c.prepareStatement("SELECT ORDER_KEY, INTENT_ID, BOOT FROM ORDERS WHERE ORDER_KEY LIKE ?")) {
                    s.setString(1, prefix + "%");
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            assertEquals(crashBoot, r.getInt(3), "order " + r.getString(1) + " placed on the boot that was killed");
                            intentOf.put(r.getString(1), r.getString(2));
                        }
                    }
                }
                assertEquals(ORDERS, intentOf.size(), "committed orders at " + point);
                int started = 0;
                int finished = 0;
                int duplicates = 0;
                for (Map.Entry<String, String> order : intentOf.entrySet()) {
                    List<String[]> runs = new ArrayList<>();
                    try (PreparedStatement s = c.prepareStatement("SELECT INTENT_ID, PHASE, BOOT FROM RUNS WHERE ORDER_KEY = ? ORDER BY ID")) {
                        s.setString(1, order.getKey());
                        try (ResultSet r = s.executeQuery()) {
                            while (r.next()) {
                                runs.add(new String[] {r.getString(1), r.getString(2), String.valueOf(r.getInt(3))});
                            }
                        }
                    }
                    String where = point + ", order " + order.getKey() + ", runs " + describe(runs);
                    for (String[] run : runs) {
                        assertEquals(order.getValue(), run[0], "every run carries the id of its order's intent: " + where);
                    }
                    long s = runs.stream().filter(r -> r[1].equals("started")).count();
                    long f = runs.stream().filter(r -> r[1].equals("finished")).count();
                    long fAfter = runs.stream().filter(r -> r[1].equals("finished") && Integer.parseInt(r[2]) == crashBoot + 1).count();
                    started += s;
                    finished += f;
                    duplicates += (int) Math.max(0, f - 1);
                    assertEquals(1, fAfter, "the relay of the next boot ran it to the end once: " + where);
                    switch (point) {
                        case AFTER_COMMIT -> {
                            assertEquals(1, s, "not run before the kill, once after it: " + where);
                            assertEquals(1, f, where);
                        }
                        case DURING_DISPATCH -> {
                            assertEquals(2, s, "started before the kill, again after it: " + where);
                            assertEquals(1, f, "finished once, after the restart: " + where);
                        }
                        case AFTER_TASK -> {
                            assertEquals(2, s, where);
                            assertEquals(2, f, "the documented duplicate: finished before the kill, dispatched again after it: " + where);
                        }
                    }
                }
                report.append(String.format("  %-16s %d / %d / %d / %d%n", point, intentOf.size(), started, finished, duplicates));
            }
            System.out.print(report);
        }
    }

    private static String describe(List<String[]> runs) {
        return runs.stream().map(r -> r[1] + "@boot" + r[2]).toList().toString();
    }

    private static long single(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    // ---------------------------------------------------------------- the server process

    /** A base directory of its own (the distribution's configuration, the WAR) and a fresh database. */
    private static void freshServerBase() throws IOException {
        deleteTree(BASE);
        deleteTree(DB.getParent());
        Files.createDirectories(DB.getParent());
        Path configuration = BASE.resolve("configuration");
        try (Stream<Path> files = Files.walk(WILDFLY.resolve("standalone/configuration"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = configuration.resolve(WILDFLY.resolve("standalone/configuration").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.createDirectories(BASE.resolve("deployments"));
        Files.copy(WAR, BASE.resolve("deployments/crash.war"));
    }

    private static Process start(int boot) throws Exception {
        assertPortFree();
        Path log = BASE.resolve("boot-" + boot + ".out");
        ProcessBuilder pb = new ProcessBuilder(WILDFLY.resolve("bin/standalone.sh").toString(), "-c", "standalone-full.xml",
                "-Djboss.server.base.dir=" + BASE, "-Djboss.socket.binding.port-offset=" + OFFSET,
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1", "-Dcrash.boot=" + boot)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_OPTS", "-Xms64m -Xmx512m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m -Djava.net.preferIPv4Stack=true");
        long t0 = System.nanoTime();
        Process p = pb.start();
        SERVERS.add(p);
        long end = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (true) {
            if (!p.isAlive()) {
                fail("the server of boot " + boot + " ended with " + p.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = get("state/none");
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > end) {
                fail("the server of boot " + boot + " did not answer within 240 s; see " + log);
            }
            Thread.sleep(250);
        }
        System.out.printf("crash test: boot %d up with the WAR deployed in %.1f s (pid %d)%n", boot, (System.nanoTime() - t0) / 1e9, p.pid());
        return p;
    }

    /** kill -9 of the script and the server's JVM it forked (every descendant), then waits until they are gone. */
    private static void kill(Process server) throws Exception {
        killTree(server);
        server.onExit().get(30, TimeUnit.SECONDS);
        SERVERS.remove(server);
        System.out.println("crash test: kill -9 of pid " + server.pid() + " and its descendants");
    }

    private static void killTree(Process p) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);   // SIGKILL: no shutdown hook, no graceful undeploy
        p.destroyForcibly();
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported by the port check of the next start
            }
        }
    }

    private static void assertPortFree() throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                get("state/none");
            } catch (IOException free) {
                return;
            }
            assertTrue(System.nanoTime() < end, "something still answers on " + API + " (another server on offset " + OFFSET + "?)");
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stopEverything() {
        SERVERS.forEach(CrashIT::killTree);
        SERVERS.clear();
    }

    // ---------------------------------------------------------------- HTTP

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(API + path)).timeout(Duration.ofSeconds(10));
    }

    private static HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Long> await(String prefix, Predicate<Map<String, Long>> until, Duration within, String what) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        Map<String, Long> state = Map.of();
        while (System.nanoTime() < end) {
            HttpResponse<String> r = get("state/" + prefix);
            assertEquals(200, r.statusCode(), r.body());
            state = new LinkedHashMap<>();
            for (String line : r.body().split("\n")) {
                String[] kv = line.split("=", 2);
                state.put(kv[0], Long.parseLong(kv[1].trim()));
            }
            if (until.test(state)) {
                return state;
            }
            Thread.sleep(250);
        }
        return fail("timed out waiting: " + what + "; last state " + state);
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
