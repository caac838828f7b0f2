package io.airlock.it.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.airlock.it.Deployments;
import io.airlock.it.support.Keys;
import io.airlock.it.telemetry.otlp.OtlpReceiver;
import io.airlock.it.telemetry.otlp.OtlpReceiver.Span;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server's MicroProfile Telemetry, turned on for this WAR, exporting to the test's own OTLP receiver: a
 * request enqueues an intent that travels through the broker to a message-driven bean; the spans
 * {@code create} → {@code send} → {@code process} form one trace across the JMS hop, and
 * {@code airlock.intents.enqueued} counts the intent. Runs where the server module turns telemetry on in its
 * server ({@code it.telemetry=true}: WildFly; see docs/observability.md, "Per server").
 */
@EnabledIfSystemProperty(named = "it.telemetry", matches = "true")
@ExtendWith(ArquillianExtension.class)
class TelemetryIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Started before the deployment, whose configuration names its port. */
    static OtlpReceiver receiver;

    @Deployment(testable = false)
    static WebArchive deployment() {
        receiver = new OtlpReceiver();
        return Deployments.telemetry(receiver.endpoint());
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @ArquillianResource
    URL base;

    @Test
    void theIntentsSpansFormOneTraceAcrossTheJmsHopAndTheCounterCountsIt() throws Exception {
        String key = Keys.unique("telemetry");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + TelemetryApplication.PATH + "/telemetry/order/" + key))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        String intentId = answer.body();

        Span create = receiver.awaitSpan(s -> s.name().equals("create record") && of(s, intentId), WAIT, "create record");
        Span send = receiver.awaitSpan(s -> s.name().equals("send record") && of(s, intentId), WAIT, "send record");
        Span process = receiver.awaitSpan(s -> s.name().equals("process record") && of(s, intentId), WAIT, "process record");

        assertEquals(create.traceId(), send.traceId(), "send is in the request's trace");
        assertEquals(create.traceId(), process.traceId(), "process, in the MDB, continues the request's trace");
        assertEquals(create.spanId(), send.parentSpanId(), "send's parent is create");
        assertEquals(send.spanId(), process.parentSpanId(), "process's parent is send, across the JMS hop");
        assertFalse(create.parentSpanId().isEmpty(), "create has the request's span as its parent");
        Span request = receiver.awaitSpan(s -> s.spanId().equals(create.parentSpanId()) && s.traceId().equals(create.traceId()), WAIT,
                "create's parent span");
        assertEquals(2, request.kind(), "create's parent is the server's span of the HTTP request (OTLP kind 2, SERVER): " + request);
        assertEquals(5, process.kind(), "process is a CONSUMER span (OTLP kind 5)");
        assertEquals(4, send.kind(), "send is a PRODUCER span (OTLP kind 4)");
        assertEquals("success", process.attributes().get("airlock.outcome"));
        assertEquals("airlock", send.attributes().get("messaging.system"));

        assertEquals(1.0, receiver.awaitPoint("airlock.intents.enqueued",
                p -> "record".equals(p.attributes().get("messaging.destination.name")) && p.value() >= 1, WAIT).value(),
                "the one request enqueued one intent");
        receiver.awaitPoint("messaging.client.consumed.messages",
                p -> "record".equals(p.attributes().get("messaging.destination.name")) && p.value() >= 1, WAIT);
    }

    private static boolean of(Span span, String intentId) {
        return intentId.equals(span.attributes().get("messaging.message.id"));
    }
}
