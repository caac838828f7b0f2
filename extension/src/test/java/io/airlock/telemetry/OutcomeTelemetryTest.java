package io.airlock.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.AirlockTask;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.jms.AirlockMessageListener;
import io.airlock.jms.JmsIntentExecutor;
import io.airlock.jms.fixtures.Broker;
import io.airlock.DispatchOptions;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.MessageListener;
import java.util.List;
import java.util.Map;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(WeldJunit5Extension.class)
/**
 * What the metrics say of each outcome that observability.md lists: fail-fast (the intents a failure left not
 * attempted), a JMS redelivery; with {@code enqueued = sent + dropped} for a flush that ended.
 */
class OutcomeTelemetryTest {
    static final String QUEUE = "airlock.outcome";
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(35);

    @ApplicationScoped
    public static class Tasks {
        @Inject
        Recorder recorder;

        @AirlockTask
        public void record(String label) {
            recorder.record(label);
        }

        @AirlockTask
        public void boom(String label) {
            throw new IllegalStateException(label);
        }
    }

    static class TaskListener extends AirlockMessageListener implements MessageListener {
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Telemetry.class, Tasks.class);
    @Inject
    Airlock airlock;
    @Inject
    Telemetry telemetry;

    @AfterEach
    void reset() throws Exception {
        airlock.resetConfiguration();
        broker.purge(QUEUE);
    }

    private long count(String metric) {
        return telemetry.count(metric, Map.of("messaging.system", "airlock"));
    }

    private long dropped(String reason) {
        return telemetry.count("airlock.intents.dropped", Map.of("airlock.drop.reason", reason));
    }

    @Test
    void failFastThroughTheSyncExecutor() {
        String[] ids = new String[1];
        assertThrows(IllegalStateException.class, () -> airlock.run(() -> {
            airlock.enqueue(Tasks::record, "a");
            airlock.enqueue(Tasks::boom, "b");
            ids[0] = airlock.enqueue(Tasks::record, "c").id();
        }));
        String third = ids[0];
        assertEquals(3, count("airlock.intents.enqueued"));
        assertEquals(2, count("messaging.client.sent.messages"), "a, and b whose task failed");
        assertEquals(1, count("airlock.intents.failed"));
        assertEquals(1, dropped("not attempted"), "c, after the failure");
        assertEquals(1, count("airlock.intents.dropped"));
        assertEquals(0, telemetry.spans().stream().filter(s -> s.getName().startsWith("send") || s.getName().startsWith("process"))
                .filter(s -> s.getAttributes().get(io.airlock.internal.otel.OpenTelemetryObserver.MESSAGE_ID).equals(third)).count(),
                "c has its create span only");
        assertEquals(1, telemetry.recorded("airlock.flush.duration"), "the failed flush took its time too");
    }

    @Test
    void jmsRedelivery() {
        airlock.configure(c -> c.withExecutor(JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueName(QUEUE).build()));
        airlock.run(() -> airlock.options(DispatchOptions.builder().maxRetries(1).build()).enqueue(Tasks::boom, "j"));
        assertEquals(2, broker.deliver(QUEUE, new TaskListener(), 2, 300), "delivered, then redelivered once (maxRetries 1)");
        List<SpanData> runs = telemetry.spans().stream().filter(s -> s.getName().equals("process boom")).toList();
        assertEquals(2, runs.size(), "two deliveries");
        assertEquals(2, count("messaging.client.consumed.messages"));
        assertEquals(1, count("airlock.intents.retried"), "the first delivery's failure, redelivered");
        assertEquals(2, count("airlock.intents.failed"), "each failed delivery");
        assertTrue(runs.stream().allMatch(r -> r.getParentSpanId().equals(telemetry.span("send boom").getSpanId())));
    }

    /** The counters, the task cache and the intents' trace contexts are shared by every thread: nothing is lost under load. */
    @Test
    void countsFromManyThreadsAddUp() throws Exception {
        int threads = 8;
        int each = 250;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        airlock.run(() -> {
                            airlock.enqueue(Tasks::record, "x");
                            airlock.enqueue(Tasks::record, "y");
                        });
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long intents = 2L * threads * each;
        assertEquals(intents, count("airlock.intents.enqueued"));
        assertEquals(intents, count("messaging.client.sent.messages"));
        assertEquals(intents, count("messaging.client.consumed.messages"));
        assertEquals((long) threads * each, telemetry.recorded("airlock.flush.duration"));
        Map<String, Long> processParents = new java.util.HashMap<>();
        List<SpanData> all = telemetry.spans();
        Map<String, SpanData> sends = new java.util.HashMap<>();
        all.stream().filter(s -> s.getName().startsWith("send")).forEach(s -> sends.put(s.getSpanId(), s));
        for (SpanData process : all.stream().filter(s -> s.getName().startsWith("process")).toList()) {
            SpanData send = sends.get(process.getParentSpanId());
            assertEquals(process.getAttributes().get(io.airlock.internal.otel.OpenTelemetryObserver.MESSAGE_ID),
                    send.getAttributes().get(io.airlock.internal.otel.OpenTelemetryObserver.MESSAGE_ID), "each run is the child of its own intent's send");
            processParents.merge(process.getParentSpanId(), 1L, Long::sum);
        }
        assertEquals(intents, processParents.size());
    }
}
