package io.airlock.sample;

import io.airlock.Airlock;
import io.airlock.AirlockRequest;
import io.airlock.Intent;
import io.airlock.policy.BlockTasks;
import io.airlock.policy.DropAll;
import io.airlock.store.DurableIntents;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The shop's JSON API. Every HTTP request is an airlock scope of its own (the extension's filter): what is
 * enqueued during the request escapes when the response is below 400 — and, for what was enqueued inside a
 * transaction, only if that transaction committed.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class ShopResource {

    /** The most rows a dry run imports. */
    static final int MAX_ROWS = 1000;
    /** How often a checkout or a shipping batch is tried when a lock it needs was not granted in time. */
    static final int LOCK_ATTEMPTS = 10;

    @Inject
    Airlock airlock;
    @Inject
    AirlockRequest request;
    @Inject
    Orders orders;
    @Inject
    Importer importer;
    @Inject
    EffectLog effects;
    @Inject
    WarehouseLink warehouseLink;
    @Inject
    DurableIntents durable;
    @EJB
    ShippingBatch shipping;

    /**
     * One effect of an order: {@code step} is the order's step it belongs to ({@code checkout}, {@code re-process 1},
     * {@code shipping}), {@code problem} why its last attempt failed (RETRYING, FAILED), {@code intentId} lets the
     * page resubmit a FAILED one, {@code traceId} is the OpenTelemetry trace it belongs to (absent without telemetry).
     */
    public record EffectView(String step, String kind, String task, String status, String detail, String problem, Instant at,
            String intentId, String traceId) {
        static EffectView of(Effect e, String detail) {
            return new EffectView(e.getStep(), e.getKind(), e.getTask(), e.getStatus().name(), detail, e.getProblem(), e.getAt(), e.getIntentId(),
                    e.getTraceId());
        }
    }

    /** An order; {@code canReprocess} says whether the admin's re-process is allowed (a processed order only). */
    public record OrderView(long id, String customer, String email, String item, String status, String note, Instant created,
            boolean canReprocess, List<EffectView> effects) {
    }

    public record Outcome(Long order, String message, List<String> dropped) {
    }

    public record DryRun(int rows, int imported, List<String> wouldSend) {
    }

    @GET
    @Path("orders")
    public List<OrderView> list() {
        Map<Long, List<EffectView>> byOrder = effects.all().stream().filter(e -> e.getOrderId() != null)
                .collect(Collectors.groupingBy(Effect::getOrderId, Collectors.mapping(e -> EffectView.of(e, e.getDetail()), Collectors.toList())));
        return orders.all().stream().map(o -> new OrderView(o.getId(), o.getCustomer(), o.getEmail(), o.getItem(), o.getStatus().name(),
                o.getNote(), o.getCreated(), o.canReprocess(), byOrder.getOrDefault(o.getId(), List.of()))).toList();
    }

    /** Every effect, also those of orders that do not exist (nothing should ever be there). */
    @GET
    @Path("effects")
    public List<EffectView> allEffects() {
        return effects.all().stream()
                .map(e -> EffectView.of(e, (e.getOrderId() == null ? "" : "order " + e.getOrderId() + ": ") + e.getDetail())).toList();
    }

    /**
     * Checkout. {@code payment=declined} makes the payment fail after the order has enqueued its effects: the
     * transaction rolls back, this method catches the failure and answers 200 with an apology — and still
     * nothing escapes, because those intents belong to a transaction that did not commit. A missing or empty customer, an
     * email that is not one, a missing or empty item or an unknown {@code payment} (default {@code ok}) answer 400 naming
     * each field; a body that is not a form answers 415.
     *
     * <p>The effects are dispatched when the request ends, after this answer is written: a warehouse call that fails
     * then does not change it (the order is committed, the durable store retries the call); the order's effects in
     * {@code GET /orders} show it RETRYING.
     */
    @POST
    @Path("checkout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Outcome checkout(@FormParam("customer") String customer, @FormParam("email") String email, @FormParam("item") String item,
            @FormParam("payment") @DefaultValue("ok") String payment) {
        InvalidInputException.Check check = new InvalidInputException.Check();
        String name = check.text("customer", customer, "Ada");
        String address = check.email("email", email);
        String product = check.text("item", item, "teapot");
        check.oneOf("payment", payment, List.of("ok", "declined"));
        check.orThrow();
        Order order = retryingLocks(() -> orders.create(name, address, product));
        try {
            orders.checkout(order.getId(), "declined".equals(payment));
            return new Outcome(order.getId(), "Thank you! Order " + order.getId() + " is confirmed.", List.of());
        } catch (Orders.PaymentDeclinedException e) {
            orders.markFailed(order.getId(), "payment declined");
            // the request scope still holds the intents of the rolled-back transaction; they will be dropped
            List<String> dropped = recordDropped(request.rolledBackIntents(), "its transaction rolled back");
            return new Outcome(order.getId(), "Sorry, your payment was declined. Nothing was sent for order " + order.getId() + ".", dropped);
        }
    }

    /**
     * The admin re-processes an order. The customer must not get the confirmation twice: a local policy
     * block applies {@code BlockTasks("sendConfirmation")} to everything enqueued inside it; the warehouse
     * call still escapes. 404 for an unknown order, 409 for one that is not processed (failed or shipped).
     */
    @POST
    @Path("orders/{id}/reprocess")
    public Outcome reprocess(@PathParam("id") String orderId) {
        long id = orderNumber(orderId);
        BlockTasks noSecondEmail = new BlockTasks("sendConfirmation");
        airlock.withPolicy(noSecondEmail).run(() -> orders.reprocess(id));
        List<String> dropped = recordDropped(request.pendingIntents().stream().filter(i -> !i.passesLocalPolicies()).toList(),
                "blocked by " + noSecondEmail);
        return new Outcome(id, "Order " + id + " processed again; the customer is not emailed twice.", dropped);
    }

    /**
     * A dry run of a bulk import: the rows are imported and processed in a scope under {@code DropAll} (and
     * the database is rolled back), and the answer lists the intents that a real import would have sent.
     * Body: one {@code customer,email,item} per line; empty for three sample rows.
     */
    @POST
    @Path("import/dry-run")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    public DryRun dryRun(String body) {
        List<Importer.Row> rows = parse(body);
        // Inside an HTTP request the request scope is the outermost scope: it captures what a nested scope
        // flushes and would judge it with its own policy. A local policy travels with each intent, so the
        // DropAll holds wherever the intents end up; the nested scope collects them for the answer.
        List<Intent> wouldSend = airlock.withPolicy(new DropAll()).call(() -> airlock.scope().policy(new DropAll()).call(() -> {
            importer.importAll(rows, true);
            return airlock.currentScope().orElseThrow().intents();
        }));
        return new DryRun(rows.size(), 0, wouldSend.stream().map(Intent::toString).toList());
    }

    /** Runs the shipping batch now (the EJB timer runs it every minute for orders processed a minute ago). */
    @POST
    @Path("shipping-batch")
    public Map<String, Integer> shipNow() {
        return Map.of("shipped", retryingLocks(() -> shipping.shipProcessedBefore(Instant.now())));
    }

    /** Resubmits a durable intent the store kept as FAILED: the relay dispatches it again (409 for any other intent). */
    @POST
    @Path("intents/{id}/resubmit")
    public Map<String, String> resubmit(@PathParam("id") String intentId) {
        if (!durable.resubmit(intentId)) {
            throw new ClientErrorException("Intent " + intentId + " is not a failed intent: it is unknown, pending, or was resubmitted already. "
                    + "Only an effect shown FAILED can be resubmitted.", Response.Status.CONFLICT);
        }
        effects.resubmitted(intentId);
        return Map.of("message", "Resubmitted: the relay dispatches it again.");
    }

    @GET
    @Path("warehouse-link")
    public Map<String, Boolean> warehouseLink() {
        return Map.of("up", warehouseLink.isUp());
    }

    /** Cuts ({@code up=false}) or restores the link to the warehouse, to see a {@code DispatchFailure}. */
    @POST
    @Path("warehouse-link")
    public Map<String, Boolean> warehouseLink(@QueryParam("up") @DefaultValue("true") String up) {
        InvalidInputException.Check check = new InvalidInputException.Check();
        check.oneOf("up", up, List.of("true", "false"));
        check.orThrow();
        warehouseLink.set(Boolean.parseBoolean(up));
        return warehouseLink();
    }

    /**
     * Runs {@code work}, again when the database refused a lock after its lock timeout (H2: 2 s): the order counter's row,
     * locked until the order's transaction ends, with many checkouts at once; the orders a shipping batch locks, with batches
     * at once. The work that failed rolled back, and what it enqueued was dropped with it, so trying again is safe. Should
     * every attempt fail, the answer is 503 ({@link ShopErrors}).
     */
    private static <T> T retryingLocks(java.util.function.Supplier<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt == LOCK_ATTEMPTS || !ShopErrors.lockNotGranted(e)) {
                    throw e;
                }
            }
        }
    }

    /** The order number of a path; anything else is no order (404, like an unknown number). */
    private static long orderNumber(String orderId) {
        try {
            return Long.parseLong(orderId);
        } catch (NumberFormatException e) {
            throw new NotFoundException("There is no order " + orderId + ": GET /api/orders lists the orders.");
        }
    }

    /** Writes a DROPPED row for each of these intents of this request's scope, and names them. */
    private List<String> recordDropped(List<Intent> intents, String why) {
        List<String> names = new ArrayList<>();
        for (Intent intent : intents) {
            effects.dropped(intent, why);
            names.add(intent.toString());
        }
        return names;
    }

    /** The rows of a dry-run body; each line is checked like a checkout's form (400 naming the line and field). */
    private static List<Importer.Row> parse(String body) {
        if (body == null || body.isBlank()) {
            return List.of(new Importer.Row("Grace", "grace@example.com", "kettle"),
                    new Importer.Row("Alan", "alan@example.com", "mug"),
                    new Importer.Row("Barbara", "barbara@example.com", "tea cosy"));
        }
        List<Importer.Row> rows = new ArrayList<>();
        InvalidInputException.Check check = new InvalidInputException.Check();
        String[] lines = body.split("\\R");
        for (int n = 1; n <= lines.length; n++) {
            String line = lines[n - 1];
            if (line.isBlank()) {
                continue;
            }
            check.at("line " + n + ": ");
            String[] f = line.split(",", -1);
            if (f.length != 3) {
                check.problem("line", "\"" + line + "\" has " + f.length + " field(s): each line is customer,email,item");
                continue;
            }
            rows.add(new Importer.Row(check.text("customer", f[0], "Grace"), check.email("email", f[1]), check.text("item", f[2], "kettle")));
        }
        if (rows.size() > MAX_ROWS) {
            check.at("").problem("body", rows.size() + " rows: a dry run takes at most " + MAX_ROWS);
        }
        check.orThrow();
        return rows;
    }
}
