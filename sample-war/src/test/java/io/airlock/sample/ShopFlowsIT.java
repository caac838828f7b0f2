package io.airlock.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every flow of the sample shop, over HTTP, against the WAR deployed on a managed WildFly (standalone-full). */
@ExtendWith(ArquillianExtension.class)
class ShopFlowsIT {

    @Deployment(testable = false)
    static WebArchive shop() {
        return ShopDeployment.war();
    }

    @ArquillianResource
    URL base;

    ShopClient shop;

    @BeforeEach
    void client() {
        shop = new ShopClient(base);
    }

    @Test
    void checkoutSendsTheEmailAndTheWarehouseCallAfterCommit() throws Exception {
        long id = shop.checkout("Ada", "ada@example.com", "teapot");

        // the warehouse call waits 2 s in the broker: when the response arrives it has left but not yet run
        List<String> right = shop.effects(id);
        assertTrue(right.contains("PENDING notifyShipment") || right.contains("ESCAPED notifyShipment"), right.toString());

        List<String> done = shop.awaitEffects(id, e -> e.contains("ESCAPED sendConfirmation") && e.contains("ESCAPED notifyShipment"));
        assertEquals(List.of("ESCAPED notifyShipment", "ESCAPED sendConfirmation"), done);
        assertEquals("PROCESSED", shop.order(id).orElseThrow().getString("status"));
    }

    @Test
    void aDeclinedPaymentAnswers200WithAnApologyAndNothingEscapes() throws Exception {
        ShopClient.Response r = shop.post("checkout", Map.of("customer", "Bob", "email", "bob@example.com", "item", "mug", "payment", "declined"));

        assertEquals(200, r.status(), r.body());
        JsonObject json = r.json();
        long id = json.getJsonNumber("order").longValue();
        assertTrue(json.getString("message").startsWith("Sorry"), json.toString());
        assertEquals(List.of("sendConfirmation(" + id + ", \"bob@example.com\")", "notifyShipment(" + id + ", \"mug\")"),
                ShopClient.strings(json, "dropped"));

        shop.barrier();
        assertEquals(List.of("DROPPED notifyShipment", "DROPPED sendConfirmation"), shop.effects(id));
        assertEquals("FAILED", shop.order(id).orElseThrow().getString("status"));
    }

    @Test
    void reprocessingUnderBlockTasksDoesNotEmailTheCustomerTwice() throws Exception {
        long id = shop.checkout("Cleo", "cleo@example.com", "tea cosy");
        shop.awaitEffects(id, e -> e.contains("ESCAPED sendConfirmation") && e.contains("ESCAPED notifyShipment"));

        ShopClient.Response r = shop.post("orders/" + id + "/reprocess", Map.of());
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of("sendConfirmation(" + id + ", \"cleo@example.com\")"), ShopClient.strings(r.json(), "dropped"));

        List<String> after = shop.awaitEffects(id, e -> e.stream().filter("ESCAPED notifyShipment"::equals).count() == 2);
        shop.barrier();
        assertEquals(List.of("DROPPED sendConfirmation", "ESCAPED notifyShipment", "ESCAPED notifyShipment", "ESCAPED sendConfirmation"),
                shop.effects(id), "before the barrier: " + after);
        // each effect names the step it belongs to, so that the page does not count the re-process with the checkout
        List<String> steps = shop.steps(id);
        assertEquals(List.of("checkout: ESCAPED notifyShipment", "checkout: ESCAPED sendConfirmation",
                "re-process 1: DROPPED sendConfirmation", "re-process 1: ESCAPED notifyShipment"), steps.stream().sorted().toList());
    }

    @Test
    void onlyAProcessedOrderCanBeReprocessedAndEveryOtherAnswerIsJson() throws Exception {
        ShopClient.Response declined = shop.post("checkout", Map.of("customer", "Ivy", "email", "ivy@example.com", "item", "mug", "payment", "declined"));
        long failed = declined.json().getJsonNumber("order").longValue();
        assertFalse(shop.order(failed).orElseThrow().getBoolean("canReprocess"));
        assertError(409, "Order " + failed + " is failed: only a processed order", shop.post("orders/" + failed + "/reprocess", Map.of()));

        long shipped = shop.checkout("Jo", "jo@example.com", "teapot");
        assertTrue(shop.order(shipped).orElseThrow().getBoolean("canReprocess"));
        assertEquals(200, shop.post("shipping-batch", Map.of()).status());
        assertEquals("SHIPPED", shop.order(shipped).orElseThrow().getString("status"));
        assertFalse(shop.order(shipped).orElseThrow().getBoolean("canReprocess"));
        assertError(409, "Order " + shipped + " is shipped: only a processed order", shop.post("orders/" + shipped + "/reprocess", Map.of()));
        shop.awaitEffects(shipped, e -> e.contains("ESCAPED sendShippedNotice"));
        assertTrue(shop.steps(shipped).contains("shipping: ESCAPED sendShippedNotice"), shop.steps(shipped).toString());
    }

    @Test
    void everyErrorAnswersJsonThatSaysWhatIsWrong() throws Exception {
        assertError(404, "There is no order 999999: GET /api/orders lists the orders", shop.post("orders/999999/reprocess", Map.of()));
        assertError(404, "There is no order not-a-number: GET /api/orders lists the orders", shop.post("orders/not-a-number/reprocess", Map.of()));
        assertError(404, "There is no order 99999999999999999999: ", shop.post("orders/99999999999999999999/reprocess", Map.of()));
        assertError(404, "", shop.get("no-such-endpoint"));
        assertError(405, "Method Not Allowed: this path takes POST.", shop.get("checkout"));
        assertError(405, "Method Not Allowed: this path takes GET.", shop.post("orders", Map.of()));
        assertError(415, "Unsupported Media Type: the checkout takes a form",
                shop.postJson("checkout", "{\"customer\":\"Eve\",\"email\":\"eve@example.com\",\"item\":\"mug\"}"));
        assertError(400, "Bad Request: the request could not be read: the checkout takes a form", shop.postNothing("checkout"));
        assertError(409, "Intent no-such-intent is not a failed intent", shop.post("intents/no-such-intent/resubmit", Map.of()));
        assertError(400, "up \"maybe\" is not one of true, false", shop.post("warehouse-link?up=maybe", Map.of()));
        assertEquals(true, shop.get("warehouse-link").json().getBoolean("up"), "a refused request changes nothing");
    }

    @Test
    void anEmptyCustomerOrEmailIsRefusedWith400NamingEachField() throws Exception {
        int before = shop.orders().size();

        ShopClient.Response empty = shop.post("checkout", Map.of("customer", " ", "email", "", "item", "teapot"));
        assertError(400, "customer is empty: enter one, e.g. Ada; email is empty: enter one, e.g. ada@example.com.", empty);
        assertEquals(List.of("customer", "email"), ShopClient.strings(empty.json(), "fields"));

        // a missing field is not filled in for the client: no order for Ada, and no email to ada@example.com, for a form that named Zed
        ShopClient.Response missing = shop.post("checkout", Map.of("customer", "Zed"));
        assertError(400, "email is missing: enter one, e.g. ada@example.com; item is missing: enter one, e.g. teapot.", missing);
        assertEquals(List.of("email", "item"), ShopClient.strings(missing.json(), "fields"));
        assertError(400, "customer is missing", shop.post("checkout", Map.of()));

        assertError(400, "email \"ada\" is not an email address", shop.post("checkout", Map.of("customer", "Ada", "email", "ada", "item", "teapot")));
        assertError(400, "item is empty", shop.post("checkout", Map.of("customer", "Ada", "email", "ada@example.com", "item", "")));
        assertError(400, "payment \"maybe\" is not one of ok, declined",
                shop.post("checkout", Map.of("customer", "Ada", "email", "ada@example.com", "item", "teapot", "payment", "maybe")));
        assertError(400, "customer has 101 characters: at most 100",
                shop.post("checkout", Map.of("customer", "x".repeat(101), "email", "ada@example.com", "item", "teapot")));
        assertError(400, "line 2: email is empty", shop.postText("import/dry-run", "Dora,dora@dry.example,kettle\nEd,,mug\n"));
        assertError(400, "line 1: \"Dora;kettle\" has 1 field(s): each line is customer,email,item", shop.postText("import/dry-run", "Dora;kettle"));

        assertEquals(before, shop.orders().size(), "no refused request created an order");
        assertTrue(shop.orders().stream().noneMatch(o -> o.getString("customer").isBlank() || o.getString("email").isBlank()));
    }

    @Test
    void aFormWithoutCharsetIsReadAsUtf8() throws Exception {
        // ShopClient posts application/x-www-form-urlencoded without a charset, as curl -d does
        long id = shop.checkout("Zoë 茶 🍵", "zoë@exämple.com", "théière");

        JsonObject order = shop.order(id).orElseThrow();
        assertEquals("Zoë 茶 🍵", order.getString("customer"));
        assertEquals("zoë@exämple.com", order.getString("email"));
        assertEquals("théière", order.getString("item"));
    }

    @Test
    void concurrentCheckoutsTakeDistinctNumbersAndConcurrentBatchesShipEachOrderOnce() throws Exception {
        int n = 30;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<ShopClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Map<String, String> form = Map.of("customer", "Par" + i, "email", "par" + i + "@example.com", "item", "mug");
                answers.add(pool.submit(() -> shop.post("checkout", form)));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<ShopClient.Response> answer : answers) {
                ShopClient.Response r = answer.get(2, TimeUnit.MINUTES);
                assertEquals(200, r.status(), r.body());
                ids.add(r.json().getJsonNumber("order").longValue());
            }
            Collections.sort(ids);
            assertEquals(n, ids.stream().distinct().count(), ids.toString());
            assertEquals(n - 1, ids.get(n - 1) - ids.get(0), "no gaps: " + ids);
            for (long id : ids) {
                shop.awaitEffects(id, e -> e.equals(List.of("ESCAPED notifyShipment", "ESCAPED sendConfirmation")));
            }

            // two re-processes of one order at once: each is a step of its own
            long again = ids.get(0);
            List<Future<ShopClient.Response>> reprocessed = List.of(pool.submit(() -> shop.post("orders/" + again + "/reprocess", Map.of())),
                    pool.submit(() -> shop.post("orders/" + again + "/reprocess", Map.of())));
            for (Future<ShopClient.Response> answer : reprocessed) {
                assertEquals(200, answer.get(2, TimeUnit.MINUTES).status());
            }
            shop.awaitEffects(again, e -> e.stream().filter("ESCAPED notifyShipment"::equals).count() == 3);
            assertEquals(List.of("checkout", "re-process 1", "re-process 2"), shop.steps(again).stream().map(s -> s.substring(0, s.indexOf(':')))
                    .distinct().sorted().toList());

            // batches at once (the timer and the button, two clicks): each order is shipped, and its customer told, once
            List<Future<ShopClient.Response>> batches = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batches.add(pool.submit(() -> shop.post("shipping-batch", Map.of())));
            }
            int shipped = 0;
            for (Future<ShopClient.Response> answer : batches) {
                ShopClient.Response r = answer.get(2, TimeUnit.MINUTES);
                assertEquals(200, r.status(), r.body());
                shipped += r.json().getInt("shipped");
            }
            assertTrue(shipped >= n, "the batches shipped " + shipped + " orders, fewer than the " + n + " just processed");
            for (long id : ids) {
                assertEquals("SHIPPED", shop.order(id).orElseThrow().getString("status"));
                shop.awaitEffects(id, e -> e.contains("ESCAPED sendShippedNotice"));
            }
            shop.barrier();
            for (long id : ids) {
                assertEquals(1, shop.effects(id).stream().filter(e -> e.endsWith(" sendShippedNotice")).count(), "order " + id + ": " + shop.effects(id));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDryRunImportUnderDropAllReturnsWhatItWouldHaveSentAndSendsNothing() throws Exception {
        int ordersBefore = shop.orders().size();

        ShopClient.Response r = shop.postText("import/dry-run", "Dora,dora@dry.example,kettle\nEd,ed@dry.example,mug\n");

        assertEquals(200, r.status(), r.body());
        List<String> wouldSend = ShopClient.strings(r.json(), "wouldSend");
        assertEquals(4, wouldSend.size(), wouldSend.toString());
        assertTrue(wouldSend.get(0).startsWith("sendConfirmation(") && wouldSend.get(0).endsWith(", \"dora@dry.example\")"), wouldSend.toString());
        assertTrue(wouldSend.get(1).startsWith("notifyShipment(") && wouldSend.get(1).endsWith(", \"kettle\")"), wouldSend.toString());
        assertTrue(wouldSend.get(3).startsWith("notifyShipment(") && wouldSend.get(3).endsWith(", \"mug\")"), wouldSend.toString());

        // the dry run rolled its order numbers back: the next checkout takes the first one it showed
        Matcher firstId = Pattern.compile("^sendConfirmation\\((\\d+), ").matcher(wouldSend.get(0));
        assertTrue(firstId.find(), wouldSend.get(0));
        long next = shop.checkout("Kim", "kim@example.com", "teapot");
        assertEquals(Long.parseLong(firstId.group(1)), next, "the dry run took no order number: " + wouldSend);

        shop.barrier();
        assertEquals(ordersBefore + 2, shop.orders().size(), "only Kim's and the barrier's orders are new: the dry run imported nothing");
        List<JsonObject> leaked = shop.allEffects().stream()
                .filter(e -> e.getString("detail").contains("dry.example") || e.getString("detail").contains("kettle")).toList();
        assertEquals(List.of(), leaked);
    }

    @Test
    void theAirlockedShippingBatchEmailsAfterItsTransactionCommits() throws Exception {
        long id = shop.checkout("Finn", "finn@example.com", "teapot");
        shop.awaitEffects(id, e -> e.contains("ESCAPED sendConfirmation"));

        ShopClient.Response r = shop.post("shipping-batch", Map.of());
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().getInt("shipped") >= 1, r.body());

        shop.awaitEffects(id, e -> e.contains("ESCAPED sendShippedNotice"));
        assertEquals("SHIPPED", shop.order(id).orElseThrow().getString("status"));
    }

    @Test
    void aFailedDispatchIsRetriedByTheDurableStoreAndTheRequestIsStillAnswered200() throws Exception {
        assertEquals(200, shop.post("warehouse-link?up=false", Map.of()).status());
        ShopClient.Response r;
        try {
            r = shop.post("checkout", Map.of("customer", "Gus", "email", "gus@example.com", "item", "mug"));
            // the order is committed and its effects are rows: a failed warehouse call is the store's to retry, not the client's
            assertEquals(200, r.status(), r.body());
            assertTrue(r.json().getString("message").endsWith("is confirmed."), r.body());
            long id = r.json().getJsonNumber("order").longValue();
            shop.awaitEffects(id, e -> e.contains("ESCAPED sendConfirmation") && e.contains("RETRYING notifyShipment"));
            assertEquals("PROCESSED", shop.order(id).orElseThrow().getString("status"));
            JsonObject retrying = shop.order(id).orElseThrow().getJsonArray("effects").getValuesAs(JsonObject.class).stream()
                    .filter(e -> e.getString("task").equals("notifyShipment")).findFirst().orElseThrow();
            assertEquals("the link to the warehouse is down", retrying.getString("problem"), retrying.toString());
        } finally {
            assertEquals(200, shop.post("warehouse-link?up=true", Map.of()).status());
        }
        long id = r.json().getJsonNumber("order").longValue();
        // the link is back: the relay's next attempt goes through
        assertEquals(List.of("ESCAPED notifyShipment", "ESCAPED sendConfirmation"),
                shop.awaitEffects(id, e -> e.contains("ESCAPED sendConfirmation") && e.contains("ESCAPED notifyShipment")).stream().sorted().toList());
    }

    private static void assertError(int status, String messageStart, ShopClient.Response r) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"), "not JSON but " + r.contentType() + ": " + r.body());
        JsonObject json = r.json();
        assertEquals(status, json.getInt("status"), r.body());
        assertTrue(json.getString("message").startsWith(messageStart) && !json.getString("message").isBlank(), r.body());
    }

    @Test
    void anIntentWhoseRetriesAreSpentIsKeptAsFailedAndCanBeResubmitted() throws Exception {
        assertEquals(200, shop.post("warehouse-link?up=false", Map.of()).status());
        long id;
        try {
            ShopClient.Response r = shop.post("checkout", Map.of("customer", "Hal", "email", "hal@example.com", "item", "cup"));
            assertEquals(200, r.status(), r.body());
            id = r.json().getJsonNumber("order").longValue();
            shop.awaitEffects(id, e -> e.contains("FAILED notifyShipment"));
        } finally {
            assertEquals(200, shop.post("warehouse-link?up=true", Map.of()).status());
        }
        String intentId = shop.effectIntentId(id, "notifyShipment");
        ShopClient.Response resubmitted = shop.post("intents/" + intentId + "/resubmit", Map.of());
        assertEquals(200, resubmitted.status(), resubmitted.body());
        assertError(409, "Intent " + intentId + " is not a failed intent", shop.post("intents/" + intentId + "/resubmit", Map.of()));
        shop.awaitEffects(id, e -> e.contains("ESCAPED notifyShipment"));
    }
}
