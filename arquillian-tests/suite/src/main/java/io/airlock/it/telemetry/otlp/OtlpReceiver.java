package io.airlock.it.telemetry.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.airlock.it.telemetry.otlp.Protobuf.Message;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver ({@code http/protobuf}) on the loopback interface, run by a client-side test: the
 * server's exporter posts to {@code /v1/traces} and {@code /v1/metrics}; the test reads what arrived.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** A received span. */
    public record Span(String traceId, String spanId, String parentSpanId, String name, int kind,
            Map<String, String> attributes) {
    }

    /** One data point of a received sum (counter): its value and attributes. */
    public record Point(String metric, double value, Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<List<Point>> metricExports = new CopyOnWriteArrayList<>();

    public OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the OTLP receiver on the loopback interface", e);
        }
        server.createContext("/v1/traces", exchange -> receive(exchange, this::traces));
        server.createContext("/v1/metrics", exchange -> receive(exchange, this::metrics));
        server.createContext("/", exchange -> receive(exchange, body -> { }));
        server.start();
    }

    /** The endpoint to give {@code otel.exporter.otlp.endpoint}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Waits until a span matches, failing after {@code timeout}. */
    public Span awaitSpan(Predicate<Span> matching, Duration timeout, String what) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            Optional<Span> found = spans.stream().filter(matching).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no span " + what + " within " + timeout + "; received: " + spans);
    }

    /** Waits until the latest metric export has a point of {@code metric} matching, and answers it. */
    public Point awaitPoint(String metric, Predicate<Point> matching, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            for (int i = metricExports.size() - 1; i >= 0; i--) {
                Optional<Point> found = metricExports.get(i).stream()
                        .filter(p -> p.metric().equals(metric)).filter(matching).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no point of " + metric + " matching within " + timeout + "; metrics received: "
                + metricExports.stream().flatMap(List::stream).map(Point::metric).distinct().toList());
    }

    private void receive(HttpExchange exchange, java.util.function.Consumer<byte[]> reader) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(in) : in;
            reader.accept(body.readAllBytes());
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
        } finally {
            exchange.close();
        }
    }

    // ExportTraceServiceRequest: 1 resource_spans { 2 scope_spans { 2 spans } }
    private void traces(byte[] body) {
        for (Message resource : Protobuf.parse(body).messages(1)) {
            for (Message scope : resource.messages(2)) {
                for (Message span : scope.messages(2)) {
                    spans.add(new Span(span.hex(1), span.hex(2), span.hex(4), span.string(5),
                            span.first(6).map(f -> (int) f.number64()).orElse(0), attributes(span.messages(9))));
                }
            }
        }
    }

    // ExportMetricsServiceRequest: 1 resource_metrics { 2 scope_metrics { 2 metrics { 1 name, 7 sum { 1 points } } } }
    private void metrics(byte[] body) {
        List<Point> points = new ArrayList<>();
        for (Message resource : Protobuf.parse(body).messages(1)) {
            for (Message scope : resource.messages(2)) {
                for (Message metric : scope.messages(2)) {
                    String name = metric.string(1);
                    for (Message sum : metric.messages(7)) {
                        for (Message point : sum.messages(1)) {
                            double value = point.first(4).map(Protobuf.Field::asDouble)
                                    .orElseGet(() -> point.first(6).map(f -> (double) f.number64()).orElse(Double.NaN));
                            points.add(new Point(name, value, attributes(point.messages(7))));
                        }
                    }
                }
            }
        }
        metricExports.add(points);
    }

    // KeyValue { 1 key, 2 AnyValue { 1 string, 2 bool, 3 int, 4 double } }
    private static Map<String, String> attributes(List<Message> keyValues) {
        Map<String, String> attributes = new HashMap<>();
        for (Message kv : keyValues) {
            Message value = kv.first(2).map(Protobuf.Field::message).orElse(new Message(List.of()));
            String text = value.first(1).map(Protobuf.Field::string)
                    .orElseGet(() -> value.fields().isEmpty() ? "" : Long.toString(value.fields().get(0).number64()));
            attributes.put(kv.string(1), text);
        }
        return attributes;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
