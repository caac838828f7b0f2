package io.airlock.telemetry;

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
import io.airlock.internal.otel.OpenTelemetryObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.MessageListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.glassfish.enterprise.concurrent.AbstractManagedExecutorService.RejectPolicy;
import org.glassfish.enterprise.concurrent.ContextServiceImpl;
import org.glassfish.enterprise.concurrent.ManagedExecutorServiceImpl;
import org.glassfish.enterprise.concurrent.ManagedThreadFactoryImpl;
import org.glassfish.enterprise.concurrent.spi.ContextHandle;
import org.glassfish.enterprise.concurrent.spi.ContextSetupProvider;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The trace context travels with the intent: to a managed thread, and through a real broker to the receiver. */
@ExtendWith(WeldJunit5Extension.class)
class PropagationTest {

    static final String QUEUE = "airlock.telemetry";
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(31);

    @ApplicationScoped
    public static class Tasks {
        @Inject
        Recorder recorder;

        @AirlockTask
        public void record(String label) {
            recorder.record(label + " on " + Thread.currentThread().getName() + " in trace " + Span.current().getSpanContext().getTraceId());
        }
    }

    /** A server's context propagation, with no context of its own to carry: the trace context must travel by itself. */
    static final class NoContext implements ContextSetupProvider {
        record Handle() implements ContextHandle {
        }

        @Override
        public ContextHandle saveContext(ContextService service) {
            return new Handle();
        }

        @Override
        public ContextHandle saveContext(ContextService service, Map<String, String> properties) {
            return new Handle();
        }

        @Override
        public ContextHandle setup(ContextHandle handle) {
            return handle;
        }

        @Override
        public void reset(ContextHandle handle) {
        }
    }

    /** The application's message-driven bean. */
    static class TaskListener extends AirlockMessageListener implements MessageListener {
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Telemetry.class, Tasks.class);

    @Inject
    Airlock airlock;
    @Inject
    Telemetry telemetry;
    @Inject
    Recorder recorder;

    ManagedExecutorServiceImpl managed;

    @AfterEach
    void tearDown() throws Exception {
        airlock.resetConfiguration();
        if (managed != null) {
            managed.shutdownNow();
        }
        broker.purge(QUEUE);
    }

    @Test
    void aManagedThreadContinuesTheTraceOfTheRequestThatEnqueued() throws Exception {
        ContextServiceImpl context = new ContextServiceImpl("airlock-test-context", new NoContext());
        managed = new ManagedExecutorServiceImpl("mes", new ManagedThreadFactoryImpl("managed-telemetry", context), 0, false, 1, 1, 60,
                TimeUnit.SECONDS, 0, 100, context, RejectPolicy.ABORT);
        ManagedIntentExecutor executor = ManagedIntentExecutor.builder().executorService(managed.getAdapter()).contextService(context).build();
        String trace = inRequest(() -> airlock.scope().executor(executor).run(() -> airlock.enqueue(Tasks::record, "a")));
        await(() -> telemetry.spans().stream().anyMatch(s -> s.getName().equals("process record")));
        SpanData send = telemetry.span("send record");
        SpanData process = telemetry.span("process record");
        assertEquals(send.getSpanId(), process.getParentSpanId(), "the task's span is a child of the submission");
        assertEquals(trace, process.getTraceId());
        assertTrue(recorder.calls().get(0).matches("a on managed-telemetry.* in trace " + trace), recorder.calls().toString());
        assertTrue(send.getAttributes().get(OpenTelemetryObserver.EXECUTOR).startsWith("managed"));
    }

    @Test
    void theReceiverContinuesTheTraceFromTheMessagesTraceparent() throws Exception {
        airlock.configure(c -> c.withExecutor(JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueName(QUEUE).build()));
        String trace = inRequest(() -> airlock.run(() -> airlock.enqueue(Tasks::record, "b")));
        assertEquals(List.of(), recorder.calls(), "nothing ran at the sender");
        assertEquals(1, broker.deliver(QUEUE, new TaskListener(), 150));
        SpanData create = telemetry.span("create record");
        SpanData send = telemetry.span("send record");
        SpanData process = telemetry.span("process record");
        assertEquals(create.getSpanId(), send.getParentSpanId());
        assertEquals(send.getSpanId(), process.getParentSpanId(), "the receiver's span is a child of the send, across the broker");
        assertEquals(trace, process.getTraceId());
        assertEquals(create.getAttributes().get(OpenTelemetryObserver.MESSAGE_ID), process.getAttributes().get(OpenTelemetryObserver.MESSAGE_ID));
        assertTrue(recorder.calls().get(0).endsWith(" in trace " + trace), recorder.calls().toString());
    }

    /** Runs the work in a span standing for the HTTP request; returns its trace id. */
    private String inRequest(Runnable work) {
        Span request = telemetry.sdk.getTracer("test").spanBuilder("POST /orders").startSpan();
        try (Scope ignored = request.makeCurrent()) {
            work.run();
        } finally {
            request.end();
        }
        return request.getSpanContext().getTraceId();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting");
            Thread.sleep(10);
        }
    }
}
