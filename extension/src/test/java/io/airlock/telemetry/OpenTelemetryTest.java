package io.airlock.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.IntentExecutor;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.executor.Backoff;
import io.airlock.internal.observe.Observation;
import io.airlock.internal.otel.OpenTelemetryObserver;
import io.airlock.policy.BlockTasks;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Spans and metrics with the real OpenTelemetry SDK as the application's {@code OpenTelemetry} bean, the sync executor. */
@ExtendWith(WeldJunit5Extension.class)
class OpenTelemetryTest {

    @ApplicationScoped
    public static class Tasks {
        @Inject
        Recorder recorder;

        public void record(String label) {
            recorder.record(label + " in trace " + Span.current().getSpanContext().getTraceId());
        }

        public void boom(String label) {
            throw new IllegalStateException(label);
        }
    }

    @ApplicationScoped
    public static class Shop {
        @Inject
        Airlock airlock;

        @Transactional
        public void checkoutThenRollBack(String label) {
            airlock.run(() -> airlock.enqueue(Tasks::record, label));
            throw new IllegalArgumentException("the order is refused");
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Telemetry.class, Tasks.class, Shop.class);

    @Inject
    Airlock airlock;
    @Inject
    Telemetry telemetry;
    @Inject
    Recorder recorder;
    @Inject
    Shop shop;

    @AfterEach
    void reset() {
        airlock.resetConfiguration();
    }

    @Test
    void theExtensionInstallsTheObserverWhenTheServerProvidesOpenTelemetry() {
        assertInstanceOf(OpenTelemetryObserver.class, Observation.observer());
    }

    @Test
    void createSendAndProcessSpansContinueTheRequestsTrace() {
        Span request = telemetry.sdk.getTracer("test").spanBuilder("GET /checkout").startSpan();
        try (Scope ignored = request.makeCurrent()) {
            airlock.run(() -> airlock.enqueue(Tasks::record, "a"));
        } finally {
            request.end();
        }
        SpanData create = telemetry.span("create record");
        SpanData send = telemetry.span("send record");
        SpanData process = telemetry.span("process record");
        String trace = request.getSpanContext().getTraceId();
        assertEquals(List.of("a in trace " + trace), recorder.calls(), "the task runs inside the trace");
        assertEquals(request.getSpanContext().getSpanId(), create.getParentSpanId());
        assertEquals(create.getSpanId(), send.getParentSpanId());
        assertEquals(send.getSpanId(), process.getParentSpanId());
        for (SpanData span : List.of(create, send, process)) {
            assertEquals(trace, span.getTraceId());
            assertEquals("airlock", span.getAttributes().get(OpenTelemetryObserver.SYSTEM));
            assertEquals("record", span.getAttributes().get(OpenTelemetryObserver.DESTINATION));
        }
        assertEquals(create.getAttributes().get(OpenTelemetryObserver.MESSAGE_ID), process.getAttributes().get(OpenTelemetryObserver.MESSAGE_ID),
                "the intent's id on every span");
        assertEquals("create", create.getAttributes().get(OpenTelemetryObserver.OPERATION_TYPE));
        assertEquals("send", send.getAttributes().get(OpenTelemetryObserver.OPERATION_TYPE));
        assertEquals("process", process.getAttributes().get(OpenTelemetryObserver.OPERATION_TYPE));
        assertEquals(SpanKind.PRODUCER, create.getKind());
        assertEquals(SpanKind.CONSUMER, process.getKind());
        assertEquals("sync", send.getAttributes().get(OpenTelemetryObserver.EXECUTOR));
        assertEquals("success", send.getAttributes().get(OpenTelemetryObserver.OUTCOME));
        assertEquals("success", process.getAttributes().get(OpenTelemetryObserver.OUTCOME));
    }

    @Test
    void anExecutorMadePerFlushIsOneValueOfTheExecutorAttribute() {
        for (String label : List.of("a", "b", "c")) {
            IntentExecutor perFlush = intent -> {   // capturing: a new object each time, with its own identity hash
                recorder.record("via " + label);
                intent.invoke();
            };
            airlock.scope().executor(perFlush.withRetry(2, io.airlock.executor.Backoff.none())).run(() -> airlock.enqueue(Tasks::record, label));
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        telemetry.spans().stream().filter(s -> s.getName().equals("send record")).forEach(s -> names.add(s.getAttributes().get(OpenTelemetryObserver.EXECUTOR)));
        assertEquals(java.util.Set.of("retry(lambda in " + OpenTelemetryTest.class.getName() + ", 2)"), names);
        java.util.Set<String> metricNames = new java.util.HashSet<>();
        telemetry.metrics.collectAllMetrics().forEach(m -> m.getData().getPoints().forEach(p -> {
            String executor = p.getAttributes().get(OpenTelemetryObserver.EXECUTOR);
            if (executor != null) {
                metricNames.add(executor);
            }
        }));
        assertEquals(names, metricNames, "one value for the three executors, in every metric");
    }

    @Test
    void aFailingTaskEndsItsSpansWithAnError() {
        assertThrows(IllegalStateException.class, () -> airlock.run(() -> airlock.enqueue(Tasks::boom, "x")));
        SpanData process = telemetry.span("process boom");
        assertEquals(StatusCode.ERROR, process.getStatus().getStatusCode());
        assertEquals("failure", process.getAttributes().get(OpenTelemetryObserver.OUTCOME));
        assertEquals(IllegalStateException.class.getName(), process.getAttributes().get(OpenTelemetryObserver.ERROR_TYPE));
        assertEquals(StatusCode.ERROR, telemetry.span("send boom").getStatus().getStatusCode());
    }

    @Test
    void theCountersAndHistogramsAfterAKnownSequence() {
        // enqueue 3: one dispatched, one refused by the scope's policy, one whose transaction rolls back
        airlock.scope().policy(new BlockTasks("boom")).run(() -> {
            airlock.enqueue(Tasks::record, "kept");
            airlock.enqueue(Tasks::boom, "blocked");
        });
        assertThrows(IllegalArgumentException.class, () -> shop.checkoutThenRollBack("rolled back"));
        // and one that fails, is retried once and fails again
        IntentExecutor retrying = IntentExecutor.sync().withRetry(2, Backoff.none());
        assertThrows(IllegalStateException.class, () -> airlock.scope().executor(retrying).run(() -> airlock.enqueue(Tasks::boom, "fails")));

        Map<String, String> all = Map.of("messaging.system", "airlock");
        assertEquals(4, telemetry.count("airlock.intents.enqueued", all));
        assertEquals(1, telemetry.count("airlock.intents.dropped", Map.of("airlock.drop.reason", "BlockTasks")));
        assertEquals(1, telemetry.count("airlock.intents.dropped", Map.of("airlock.drop.reason", "rollback")));
        assertEquals(2, telemetry.count("airlock.intents.dropped", all));
        assertEquals(1, telemetry.count("airlock.intents.retried", all));
        assertEquals(1, telemetry.count("airlock.intents.failed", all), "the intent whose retries ran out, once although its task and its send failed");
        assertEquals(2, telemetry.count("messaging.client.sent.messages", all), "the kept intent and the failing one (its retries inside one send)");
        assertEquals(1, telemetry.count("messaging.client.sent.messages", Map.of("error.type", IllegalStateException.class.getName())));
        assertEquals(3, telemetry.count("messaging.client.consumed.messages", all), "kept, and the failing task twice");
        assertEquals(2, telemetry.count("messaging.client.consumed.messages", Map.of("error.type", IllegalStateException.class.getName())));
        assertEquals(3, telemetry.recorded("messaging.process.duration"));
        assertEquals(2, telemetry.recorded("messaging.client.operation.duration"));
        assertTrue(telemetry.recorded("airlock.flush.duration") >= 2, "the flushes that dispatched");
        // observability.md: the retry is an airlock.retry event on its send span, naming the attempt that failed
        SpanData send = telemetry.spans().stream().filter(s -> s.getName().equals("send boom")
                && s.getStatus().getStatusCode() == StatusCode.ERROR).findFirst().orElseThrow();
        List<EventData> retries = send.getEvents().stream().filter(e -> e.getName().equals("airlock.retry")).toList();
        assertEquals(1, retries.size(), send.getEvents().toString());
        assertEquals(1L, retries.get(0).getAttributes().get(OpenTelemetryObserver.ATTEMPT));
        assertEquals(IllegalStateException.class.getName(), retries.get(0).getAttributes().get(OpenTelemetryObserver.ERROR_TYPE));
    }

    @Test
    void aDiscardedScopeCountsItsIntentsAsDropped() {
        assertThrows(IllegalArgumentException.class, () -> airlock.run(() -> {
            airlock.enqueue(Tasks::record, "never");
            throw new IllegalArgumentException("refused");
        }));
        assertEquals(1, telemetry.count("airlock.intents.dropped", Map.of("airlock.drop.reason", "discard")));
        assertEquals(List.of(), recorder.calls());
    }
}
