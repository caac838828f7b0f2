package io.airlock.it.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.it.Deployments;
import io.airlock.it.support.Readiness;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * airlock's readiness check with the JMS executor when the broker stops answering: UP with {@code "jms":"reachable"},
 * DOWN naming the connection factory once the server module's {@value #STOP} command has cut the factory off from
 * its broker, UP again after {@value #START}. The broker is started again even when the test fails.
 */
@EnabledIfSystemProperty(named = BrokerReadinessIT.STOP, matches = ".+")
@ExtendWith(ArquillianExtension.class)
class BrokerReadinessIT {

    /** The JNDI name of the connection factory the deployment uses, set by the server module. */
    static final String FACTORY = "it.health.jms.connection-factory";
    /** A command line that makes the factory's broker unreachable, and one that brings it back. */
    static final String STOP = "it.health.broker.stop";
    static final String START = "it.health.broker.start";

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.healthJms(System.getProperty(FACTORY));
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void downWhileTheBrokerIsStoppedAndUpOnceItIsBack() throws Exception {
        String ready = System.getProperty(ReadinessIT.URL_PROPERTY);
        assertTrue(ready != null && !ready.isBlank(), ReadinessIT.URL_PROPERTY + " is not set by the server module");
        String factory = System.getProperty(FACTORY);
        String up = awaitReadiness(ready, Readiness::up, "UP while the broker answers");
        assertTrue(up.contains("\"jms\":\"reachable\""), up);
        try {
            run(STOP);
            String down = awaitReadiness(ready, Readiness::down, "DOWN with the broker stopped");
            assertTrue(down.contains("\"jms\":\"connectionfactory'" + factory + "'unreachable:"), down);
        } finally {
            run(START);
        }
        String again = awaitReadiness(ready, Readiness::up, "UP once the broker is back");
        assertTrue(again.contains("\"jms\":\"reachable\""), again);
    }

    private static void run(String property) throws IOException, InterruptedException {
        String command = System.getProperty(property);
        assertTrue(command != null && !command.isBlank(), property + " is not set by the server module");
        ProcessBuilder builder = new ProcessBuilder(List.of(command.trim().split("\\s+"))).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), property + " did not finish: " + output);
        assertEquals(0, process.exitValue(), property + ": " + output);
        assertTrue(!output.contains("\"outcome\" => \"failed\""), property + ": " + output);
    }

    private String awaitReadiness(String url, Predicate<String> expected, String what) throws Exception {
        return Readiness.await(http, url, expected, what, WAIT, () -> "");
    }
}
