package io.airlock.sample;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The shop's JSON API over HTTP, as curl would call it. */
final class ShopClient {

    record Response(int status, String contentType, String body) {
        JsonObject json() {
            return (JsonObject) parse(body);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI api;

    ShopClient(URL base) {
        this.api = URI.create(base.toString()).resolve("api/");
    }

    Response post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response postText(String path, String text) throws Exception {
        return send(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(text)));
    }

    Response postJson(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST with no body and no Content-Type, as {@code curl -X POST} sends it. */
    Response postNothing(String path) throws Exception {
        return send(HttpRequest.newBuilder(api.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Response get(String path) throws Exception {
        return send(HttpRequest.newBuilder(api.resolve(path)).GET());
    }

    List<JsonObject> orders() throws Exception {
        return parse(send(HttpRequest.newBuilder(api.resolve("orders")).GET()).body()).asJsonArray()
                .getValuesAs(JsonObject.class);
    }

    List<JsonObject> allEffects() throws Exception {
        return parse(send(HttpRequest.newBuilder(api.resolve("effects")).GET()).body()).asJsonArray()
                .getValuesAs(JsonObject.class);
    }

    Optional<JsonObject> order(long id) throws Exception {
        return orders().stream().filter(o -> o.getJsonNumber("id").longValue() == id).findFirst();
    }

    /** The effects of one order, as {@code status task} strings, e.g. {@code ESCAPED sendConfirmation}. */
    List<String> effects(long id) throws Exception {
        return order(id).orElseThrow(() -> new AssertionError("no order " + id)).getJsonArray("effects").getValuesAs(JsonObject.class)
                .stream().map(e -> e.getString("status") + " " + e.getString("task")).sorted().toList();
    }

    /** The effects of one order, as {@code step: status task} strings in the order they happened. */
    List<String> steps(long id) throws Exception {
        return order(id).orElseThrow(() -> new AssertionError("no order " + id)).getJsonArray("effects").getValuesAs(JsonObject.class)
                .stream().map(e -> e.getString("step") + ": " + e.getString("status") + " " + e.getString("task")).toList();
    }

    /** The intent id of an order's effect of this task. */
    String effectIntentId(long id, String task) throws Exception {
        return order(id).orElseThrow(() -> new AssertionError("no order " + id)).getJsonArray("effects").getValuesAs(JsonObject.class)
                .stream().filter(e -> e.getString("task").equals(task)).findFirst().orElseThrow().getString("intentId");
    }

    /** Polls the order until {@code condition} holds on its effects; fails after 30 s showing what it saw. */
    List<String> awaitEffects(long id, Predicate<List<String>> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> seen;
        while (!condition.test(seen = effects(id))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("order " + id + " never reached the expected effects; last seen: " + seen);
            }
            Thread.sleep(200);
        }
        return seen;
    }

    long checkout(String customer, String email, String item) throws Exception {
        Response r = post("checkout", Map.of("customer", customer, "email", email, "item", item));
        if (r.status() != 200) {
            throw new AssertionError("checkout answered " + r.status() + ": " + r.body());
        }
        return r.json().getJsonNumber("order").longValue();
    }

    /**
     * A barrier: checks out an order and waits until both its effects escaped. The warehouse call travels
     * the same queue with the same delay, so anything an earlier flow enqueued would have arrived by then.
     */
    void barrier() throws Exception {
        long id = checkout("Barrier", "barrier@example.com", "barrier");
        awaitEffects(id, e -> e.contains("ESCAPED sendConfirmation") && e.contains("ESCAPED notifyShipment"));
    }

    private Response send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    static JsonStructure parse(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        }
    }

    static List<String> strings(JsonObject o, String key) {
        return o.getJsonArray(key).stream().map(v -> v.getValueType() == JsonValue.ValueType.STRING ? ((jakarta.json.JsonString) v).getString() : v.toString()).toList();
    }
}
