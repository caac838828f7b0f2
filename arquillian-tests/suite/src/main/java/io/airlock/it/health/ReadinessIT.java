package io.airlock.it.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.it.Deployments;
import io.airlock.it.support.Keys;
import io.airlock.it.support.Readiness;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * airlock's readiness check at the server's {@code /health/ready} (system property {@value #URL_PROPERTY}):
 * DOWN while the durable backlog passes {@code airlock.health.max-pending} (0 here), UP again once the
 * pending intent has run.
 */
@EnabledIfSystemProperty(named = ReadinessIT.URL_PROPERTY, matches = ".+")
@ExtendWith(ArquillianExtension.class)
class ReadinessIT {

    /** The server's readiness URL, set by each server module's pom. */
    static final String URL_PROPERTY = "it.health.url";

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.health();
    }

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void downWhileTheBacklogPassesMaxPendingAndUpOnceItDrains() throws Exception {
        String ready = System.getProperty(URL_PROPERTY);
        assertTrue(ready != null && !ready.isBlank(), URL_PROPERTY + " is not set by the server module");
        awaitReadiness(ready, Readiness::up, "UP before anything is pending");

        String key = Keys.unique("backlog");
        post("ledger/true");
        post("book/" + key);
        String down = awaitReadiness(ready, Readiness::down, "DOWN with one pending intent and max-pending 0");
        // a number in the check's data: Payara writes every data value as a JSON string ("0"), the others as a number
        assertTrue(down.matches("(?s).*\"max-pending\":\"?0\"?[,}].*"), down);
        assertTrue(down.matches("(?s).*\"pending\":\"?[1-9].*"), down);

        post("ledger/false");
        Instant end = Instant.now().plus(WAIT);
        while (!"true".equals(get("ran/" + key)) && Instant.now().isBefore(end)) {
            Thread.sleep(100);
        }
        assertEquals("true", get("ran/" + key), "the pending intent ran once the ledger was up");
        awaitReadiness(ready, Readiness::up, "UP once the backlog drained");
    }

    private String awaitReadiness(String url, Predicate<String> expected, String what) throws Exception {
        return Readiness.await(http, url, expected, what, WAIT, () -> "checks resolvable in the WAR: " + get("checks") + "; ");
    }

    private void post(String path) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create(base + HealthApplication.PATH + "/health/" + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + HealthApplication.PATH + "/health/" + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
