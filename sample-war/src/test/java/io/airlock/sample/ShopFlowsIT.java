package io.airlock.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
import java.util.Map;
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

        shop.barrier();
        assertEquals(ordersBefore + 1, shop.orders().size(), "only the barrier's order is new: the dry run imported nothing");
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
            long id = r.json().getJsonNumber("order").longValue();
            shop.awaitEffects(id, e -> e.contains("ESCAPED sendConfirmation") && e.contains("RETRYING notifyShipment"));
        } finally {
            assertEquals(200, shop.post("warehouse-link?up=true", Map.of()).status());
        }
        long id = r.json().getJsonNumber("order").longValue();
        // the link is back: the relay's next attempt goes through
        assertEquals(List.of("ESCAPED notifyShipment", "ESCAPED sendConfirmation"),
                shop.awaitEffects(id, e -> e.contains("ESCAPED sendConfirmation") && e.contains("ESCAPED notifyShipment")).stream().sorted().toList());
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
        assertEquals(409, shop.post("intents/" + intentId + "/resubmit", Map.of()).status(), "only a failed intent is resubmitted");
        shop.awaitEffects(id, e -> e.contains("ESCAPED notifyShipment"));
    }
}
