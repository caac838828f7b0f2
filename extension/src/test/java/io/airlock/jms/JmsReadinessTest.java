package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.internal.cdi.Settings;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Shipping;
import io.airlock.jms.fixtures.TestJndi;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The readiness check with the jms executor: UP while the broker answers, DOWN once it is stopped. */
class JmsReadinessTest {

    static final String CF = "java:/test/health-cf";
    static final List<String> KEYS = List.of(Settings.EXECUTOR, Settings.JMS_QUEUE, Settings.JMS_CONNECTION_FACTORY);

    @AfterEach
    void clear() {
        KEYS.forEach(System::clearProperty);
        TestJndi.unbind(CF);
        TestJndi.uninstall();
    }

    @Test
    void upWhileTheBrokerAnswersAndDownWhenItIsStopped() throws Exception {
        Broker broker = Broker.start(33);
        TestJndi.install();
        TestJndi.bind(CF, broker.connectionFactory());
        System.setProperty(Settings.EXECUTOR, "jms");
        System.setProperty(Settings.JMS_QUEUE, "airlock.health");
        System.setProperty(Settings.JMS_CONNECTION_FACTORY, CF);
        try (WeldContainer container = AirlockWeld.weld(Shipping.class).initialize()) {
            HealthCheck check = container.select(HealthCheck.class, Readiness.Literal.INSTANCE).get();
            HealthCheckResponse up = check.call();
            assertEquals(HealthCheckResponse.Status.UP, up.getStatus());
            assertEquals("reachable", up.getData().orElseThrow().get("jms"));
            broker.stop();
            HealthCheckResponse down = check.call();
            assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
            String jms = (String) down.getData().orElseThrow().get("jms");
            assertTrue(jms.contains("'" + CF + "' unreachable"), jms);
        }
    }

    @Test
    void withoutTheJmsExecutorTheBrokerIsNotAsked() {
        try (WeldContainer container = AirlockWeld.weld(Shipping.class).initialize()) {
            HealthCheckResponse response = container.select(HealthCheck.class, Readiness.Literal.INSTANCE).get().call();
            assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
            assertTrue(response.getData().isEmpty(), "no store, no jms: nothing to report");
        }
    }
}
