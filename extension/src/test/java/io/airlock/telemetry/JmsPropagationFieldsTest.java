package io.airlock.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.airlock.Airlock;
import io.airlock.AirlockTask;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.jms.AirlockMessageListener;
import io.airlock.jms.JmsIntentExecutor;
import io.airlock.jms.fixtures.Broker;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.Collection;
import java.util.List;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server's propagators may write fields whose names are no JMS property names (Jaeger's {@code uber-trace-id},
 * B3's {@code X-B3-TraceId}): the message still goes, with the W3C {@code traceparent} the receiver reads.
 */
@ExtendWith(WeldJunit5Extension.class)
class JmsPropagationFieldsTest {

    static final String QUEUE = "airlock.propagation-fields";
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(36);

    @ApplicationScoped
    public static class Tasks {
        @Inject
        Recorder recorder;

        @AirlockTask
        public void record(String label) {
            recorder.record(label);
        }
    }

    /** A propagator that writes a hyphenated field before the W3C ones, as a Jaeger propagator listed first would. */
    @Singleton
    public static class HyphenatedTelemetry {
        final InMemorySpanExporter spans = InMemorySpanExporter.create();
        final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setPropagators(ContextPropagators.create(new TextMapPropagator() {
                    @Override
                    public Collection<String> fields() {
                        return List.of("uber-trace-id", "traceparent", "tracestate");
                    }

                    @Override
                    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
                        setter.set(carrier, "uber-trace-id", "abc:def:0:1");
                        W3CTraceContextPropagator.getInstance().inject(context, carrier, setter);
                    }

                    @Override
                    public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
                        return W3CTraceContextPropagator.getInstance().extract(context, carrier, getter);
                    }
                }))
                .build();

        @Produces
        @Singleton
        OpenTelemetry openTelemetry() {
            return sdk;
        }
    }

    static class TaskListener extends AirlockMessageListener implements MessageListener {
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(HyphenatedTelemetry.class, Tasks.class);

    @Inject
    Airlock airlock;
    @Inject
    Recorder recorder;
    @Inject
    HyphenatedTelemetry telemetry;

    @AfterEach
    void tearDown() throws Exception {
        airlock.resetConfiguration();
        broker.purge(QUEUE);
    }

    @Test
    void theMessageGoesWithItsTraceparent() throws Exception {
        airlock.configure(c -> c.withExecutor(JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueName(QUEUE).build()));
        airlock.run(() -> airlock.enqueue(Tasks::record, "j"));
        List<Message> messages = broker.receive(QUEUE, 1, 2000);
        assertEquals(1, messages.size());
        assertNotNull(messages.get(0).getStringProperty("traceparent"), "the W3C field went, whatever came before it");
        SpanData send = telemetry.spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("send record")).findFirst().orElseThrow();
        assertEquals("success", send.getAttributes().get(io.airlock.internal.otel.OpenTelemetryObserver.OUTCOME));
    }
}
