package io.airlock.telemetry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.AirlockTask;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.concurrent.ManagedIntentExecutor;
import io.airlock.jms.AirlockMessageListener;
import io.airlock.jms.JmsIntentExecutor;
import io.airlock.jms.fixtures.Broker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.MessageListener;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glassfish.enterprise.concurrent.AbstractManagedExecutorService.RejectPolicy;
import org.glassfish.enterprise.concurrent.ContextServiceImpl;
import org.glassfish.enterprise.concurrent.ManagedExecutorServiceImpl;
import org.glassfish.enterprise.concurrent.ManagedThreadFactoryImpl;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Telemetry that throws never changes dispatch: the managed executor, and the jms executor's sender and receiver. */
@ExtendWith(WeldJunit5Extension.class)
class BrokenTelemetryAcrossThreadsTest {

    static final String QUEUE = "airlock.broken-telemetry";
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(34);

    @ApplicationScoped
    public static class Tasks {
        @Inject
        Recorder recorder;

        @AirlockTask
        public void record(String label) {
            recorder.record(label);
        }
    }

    static class TaskListener extends AirlockMessageListener implements MessageListener {
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(BrokenTelemetry.class, Tasks.class);

    @Inject
    Airlock airlock;
    @Inject
    Recorder recorder;

    ManagedExecutorServiceImpl managed;

    @AfterEach
    void tearDown() throws Exception {
        BrokenTelemetry.breakOn(null);
        airlock.resetConfiguration();
        if (managed != null) {
            managed.shutdownNow();
        }
        broker.purge(QUEUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"start create", "end create", "start send", "end send", "start process", "end process"})
    void theManagedThreadRunsTheTaskOnce(String phase) throws Exception {
        BrokenTelemetry.breakOn(phase);
        ContextServiceImpl context = new ContextServiceImpl("airlock-broken-context", new PropagationTest.NoContext());
        managed = new ManagedExecutorServiceImpl("mes", new ManagedThreadFactoryImpl("managed-broken", context), 0, false, 1, 1, 60,
                TimeUnit.SECONDS, 0, 100, context, RejectPolicy.ABORT);
        ManagedIntentExecutor executor = ManagedIntentExecutor.builder().executorService(managed.getAdapter()).contextService(context).build();
        assertDoesNotThrow(() -> airlock.scope().executor(executor).run(() -> airlock.enqueue(Tasks::record, "m")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (recorder.calls().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        assertEquals(List.of("m"), recorder.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"start create", "end create", "start send", "end send", "inject", "extract", "start process", "end process"})
    void theReceiverRunsTheTaskOnce(String phase) {
        BrokenTelemetry.breakOn(phase);
        airlock.configure(c -> c.withExecutor(JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueName(QUEUE).build()));
        assertDoesNotThrow(() -> airlock.run(() -> airlock.enqueue(Tasks::record, "j")));
        assertEquals(1, broker.deliver(QUEUE, new TaskListener(), 150), "one message, taken at its first delivery");
        assertEquals(List.of("j"), recorder.calls());
        assertTrue(broker.count(QUEUE) == 0);
    }
}
