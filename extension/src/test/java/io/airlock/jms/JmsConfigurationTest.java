package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.internal.cdi.Settings;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Shipping;
import io.airlock.jms.fixtures.TestJndi;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.jms.JMSContext;
import java.util.ArrayList;
import java.util.List;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code airlock.executor=jms} and the {@code airlock.jms.*} keys, read at deployment; JNDI resources looked up on first use. */
class JmsConfigurationTest {

    static final String QUEUE = "airlock.configured";
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(15);
    final List<String> keys = new ArrayList<>();

    @AfterEach
    void clear() {
        keys.forEach(System::clearProperty);
        TestJndi.unbind("jms/Tasks");
        TestJndi.unbind("java:/test/cf");
    }

    void property(String key, String value) {
        keys.add(key);
        System.setProperty(key, value);
    }

    @Test
    void theJmsExecutorIsConfiguredByNameAndFindsItsResourcesOnFirstUse() throws Exception {
        property(Settings.EXECUTOR, "jms");
        property(Settings.JMS_QUEUE, "jms/Tasks");
        property(Settings.JMS_CONNECTION_FACTORY, "java:/test/cf");
        property(Settings.JMS_MODE, "in-transaction");
        try (WeldContainer container = AirlockWeld.weld(Shipping.class).initialize()) {
            JmsIntentExecutor jms = assertInstanceOf(JmsIntentExecutor.class, Airlock.get().configuration().executor());
            assertTrue(jms.dispatchesInTransaction(Airlock.get().scope().policy(new io.airlock.policy.DropAll())
                    .call(() -> Airlock.get().enqueue(Shipping::ship, 1L, "x"))));
            IllegalStateException unbound = assertThrows(IllegalStateException.class,
                    () -> Airlock.get().run(() -> Airlock.get().enqueue(Shipping::ship, 1L, "x")));
            assertTrue(unbound.getMessage().contains("'jms/Tasks'") && unbound.getMessage().contains("airlock.jms.queue"), unbound.getMessage());
            try (JMSContext c = broker.connectionFactory().createContext()) {
                TestJndi.bind("jms/Tasks", c.createQueue(QUEUE));
            }
            TestJndi.bind("java:/test/cf", broker.connectionFactory());
            Airlock.get().run(() -> Airlock.get().enqueue(Shipping::ship, 2L, "bound"));
            assertEquals(1, broker.receive(QUEUE, 1, 1000).size());
            assertTrue(container.select(AirlockTaskReceiver.class).isResolvable(), "the receiver is a bean without a beans.xml");
        }
    }

    @Test
    void theQueueKeyReadsAPlainNameAsThePhysicalQueueAsTheBuilderDoes() throws Exception {
        property(Settings.EXECUTOR, "jms");
        property(Settings.JMS_QUEUE, QUEUE);
        property(Settings.JMS_CONNECTION_FACTORY, "java:/test/cf");
        TestJndi.bind("java:/test/cf", broker.connectionFactory());
        try (WeldContainer container = AirlockWeld.weld(Shipping.class).initialize()) {
            Airlock.get().run(() -> Airlock.get().enqueue(Shipping::ship, 3L, "physical"));
            assertEquals(1, broker.receive(QUEUE, 1, 1000).size());
        }
    }

    @Test
    void theConfiguredExecutorsAreInjectableAsConfigured() throws Exception {
        property(Settings.JMS_QUEUE, QUEUE);
        property(Settings.JMS_CONNECTION_FACTORY, "java:/test/cf");
        TestJndi.bind("java:/test/cf", broker.connectionFactory());
        try (WeldContainer container = AirlockWeld.weld(Shipping.class).initialize()) {
            io.airlock.AirlockExecutors executors = container.select(io.airlock.AirlockExecutors.class).get();
            io.airlock.IntentExecutor jms = executors.get("jms");
            assertInstanceOf(JmsIntentExecutor.class, jms);
            org.junit.jupiter.api.Assertions.assertSame(jms, executors.get("jms"), "one instance per name");
            assertInstanceOf(io.airlock.concurrent.ManagedIntentExecutor.class, executors.get("managed"));
            // the default stays sync (airlock.executor is not set); this scope sends through the configured JMS executor
            Airlock.get().scope().executor(executors.get("jms")).run(() -> Airlock.get().enqueue(Shipping::ship, 4L, "routed"));
            assertEquals(1, broker.receive(QUEUE, 1, 1000).size());
            io.airlock.UsageException unknown = assertThrows(io.airlock.UsageException.class, () -> executors.get("kafka"));
            assertTrue(unknown.getMessage().contains("'kafka'") && unknown.getMessage().contains("[sync, managed, jms]"), unknown.getMessage());
        }
    }

    @Test
    void anUnknownModeFailsTheDeployment() {
        property(Settings.EXECUTOR, "jms");
        property(Settings.JMS_MODE, "eventually");
        DeploymentException e = assertThrows(DeploymentException.class, () -> AirlockWeld.weld().initialize().close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage());
        }
        assertTrue(messages.toString().contains("airlock.jms.mode") && messages.toString().contains("in-transaction"), messages.toString());
    }

    @Test
    void theJmsKeysAreKnownKeys() {
        property(Settings.JMS_DEAD_LETTER_QUEUE, "java:app/jms/Dead");
        property(Settings.JMS_MAX_MESSAGE_SIZE, "4096");
        AirlockWeld.weld().initialize().close();
    }
}
