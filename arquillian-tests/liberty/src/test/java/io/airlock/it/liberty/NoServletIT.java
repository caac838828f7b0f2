package io.airlock.it.liberty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.it.liberty.noservlet.Mailer;
import io.airlock.it.liberty.noservlet.Orders;
import io.airlock.it.liberty.noservlet.OrdersResource;
import io.airlock.it.liberty.noservlet.ShopApplication;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An application on an Open Liberty server WITHOUT the servlet-6.0 feature (server {@code noServlet},
 * {@code src/test/liberty/no-servlet/server.xml}): a {@code @Stateless} EJB with {@code @Airlocked} and
 * {@code @Inject Airlock}, called from JAX-RS. Not Arquillian, whose protocol is a servlet: the WARs are dropped
 * into the server before it starts, and the test reads messages.log and calls the application over HTTP.
 *
 * <ul>
 *   <li>{@code shop}: airlock-extension and airlock-interceptors, airlock-web excluded as docs/servers.md says:
 *       it starts, {@code @Airlocked} works, and one INFO line says there is no request scope;</li>
 *   <li>{@code shop-web}: the same with airlock-web: Liberty refuses it, and airlock's line before that names
 *       the fix.</li>
 * </ul>
 */
class NoServletIT {

    private static final String SERVER = "noServlet";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static Path wlp;
    private static Path serverDir;
    private static String base;

    @BeforeAll
    static void startServerWithTwoApplications() throws Exception {
        wlp = Path.of(System.getProperty("liberty.wlp.home"));
        serverDir = wlp.resolve("usr/servers/" + SERVER);
        base = "http://127.0.0.1:" + System.getProperty("liberty.noservlet.http.port");
        stopServer(); // a run killed mid-way leaves it running
        Path dropins = serverDir.resolve("dropins");
        deleteRecursively(dropins);
        deleteRecursively(serverDir.resolve("logs"));
        Files.createDirectories(dropins);
        List<File> libs = airlockLibraries();
        war("shop", libs.stream().filter(f -> !f.getName().startsWith("airlock-web")).toList(), dropins);
        war("shop-web", libs, dropins);
        server("start");
        awaitLog(line -> line.contains("CWWKZ0001I") && line.contains(" shop "), "application shop started (CWWKZ0001I)");
        awaitLog(line -> line.contains("CWWKZ0012I") && line.contains(" shop-web "), "application shop-web not started (CWWKZ0012I)");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (wlp != null) {
            server("stop");
        }
    }

    @Test
    void anAirlockedEjbFlushesItsIntentsWithoutTheServletApi() throws Exception {
        assertEquals("placed", post("/shop/api/orders/ann"));
        assertEquals("ann", get("/shop/api/orders/sent"));
    }

    @Test
    void aRequestHasNoScopeOfItsOwnAndOneInfoLineSaysWhy() throws Exception {
        assertEquals("no scope", post("/shop/api/orders/unscoped/bob"));
        List<String> notices = log().stream().filter(l -> l.contains("airlock: no HTTP request scope in this application: the servlet API "
                + "is not visible to it")).toList();
        assertEquals(2, notices.size(), "one line per application: " + notices);
    }

    @Test
    void withAirlockWebLibertyRefusesTheApplicationAndAirlockNamesTheFix() throws Exception {
        String all = String.join("\n", log());
        assertTrue(all.contains("NoClassDefFoundError: jakarta/servlet/ServletContainerInitializer") || ffdcMentionsInitializer(),
                "Liberty's reason for not starting shop-web");
        assertTrue(all.contains("io.airlock:airlock-web is deployed with it") && all.contains("Exclude airlock-web from the airlock-extension"
                + " dependency"), "airlock's line names the fix:\n" + all);
    }

    private static boolean ffdcMentionsInitializer() throws IOException {
        Path ffdc = serverDir.resolve("logs/ffdc");
        if (!Files.isDirectory(ffdc)) {
            return false;
        }
        try (Stream<Path> files = Files.list(ffdc)) {
            return files.anyMatch(f -> {
                try {
                    return Files.readString(f).contains("jakarta/servlet/ServletContainerInitializer");
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    private static void war(String name, List<File> libs, Path dropins) {
        ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(Mailer.class, Orders.class, OrdersResource.class, ShopApplication.class)
                .addAsLibraries(libs.toArray(File[]::new))
                .as(ZipExporter.class).exportTo(dropins.resolve(name + ".war").toFile(), true);
    }

    private static List<File> airlockLibraries() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("it.libs")))) {
            List<File> jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().map(Path::toFile).toList();
            assertTrue(jars.stream().anyMatch(f -> f.getName().startsWith("airlock-web")), "airlock-web among " + jars);
            return jars;
        }
    }

    private static void server(String action) throws Exception {
        Process p = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, SERVER)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(wlp.resolve("../" + SERVER + "-commands.log").toFile()))
                .start();
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("server " + action + " " + SERVER + " did not return in " + TIMEOUT);
        }
    }

    private static List<String> log() throws IOException {
        Path messages = serverDir.resolve("logs/messages.log");
        return Files.exists(messages) ? Files.readAllLines(messages) : List.of();
    }

    private static void awaitLog(Predicate<String> line, String what) throws Exception {
        Instant end = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(end)) {
            if (log().stream().anyMatch(line)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("messages.log of " + SERVER + " never showed: " + what + "\n" + String.join("\n", log()));
    }

    private static String post(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private static String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
