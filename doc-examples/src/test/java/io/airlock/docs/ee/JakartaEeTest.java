package io.airlock.docs.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.docs.shop.Audit;
import io.airlock.docs.shop.Calls;
import io.airlock.docs.shop.Mailer;
import io.airlock.docs.shop.Payments;
import io.airlock.docs.shop.Warehouse;
import io.airlock.executor.RetryingExecutor;
import io.airlock.internal.interceptor.AirlockedExtension;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** docs/jakarta-ee.md and the CDI parts of getting-started.md and dispatch-guide.md, in Weld with Narayana. */
@ExtendWith(WeldJunit5Extension.class)
class JakartaEeTest {

    @WeldSetup
    public WeldInitiator weld = WeldInitiator.from(AirlockWeld.weld(Shop.class, Receipts.class, OrderService.class, OrderResource.class,
            DispatchAlerts.class, Executors.class, Mailer.class, Warehouse.class, Payments.class, Audit.class)
            .addExtension(new AirlockedExtension())).activate(jakarta.enterprise.context.RequestScoped.class).build();

    @Inject Shop shop;
    @Inject OrderService orders;
    @Inject OrderResource resource;
    @Inject DispatchAlerts alerts;

    @BeforeEach
    @AfterEach
    void clean() {
        Calls.clear();
        Payments.serviceDown(false);
    }

    @Test
    void airlockedService() {
        orders.placeOrder(42L, "a@b.c");
        assertEquals(List.of("reserveStock(42)", "sendConfirmation(42, a@b.c)"), Calls.all());
        Calls.clear();
        assertThrows(IllegalArgumentException.class, () -> orders.placeOrder(43L, " "));
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void commitAndRollback() {
        shop.checkout(42L, "a@b.c", true);
        assertEquals(List.of("reserveStock(42)", "sendConfirmation(42, a@b.c)", "audit(receipt 42)"), Calls.all());
        Calls.clear();
        shop.checkout(43L, "a@b.c", false);
        assertEquals(List.of("audit(receipt 43)"), Calls.all(), "REQUIRES_NEW committed on its own; the rest rolled back");
        Calls.clear();
        assertThrows(IllegalStateException.class, () -> shop.checkoutThenFail(44L));
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void failureEvent() {
        Payments.serviceDown(true);
        assertThrows(IllegalStateException.class, () -> shop.captureAfterCommit(42L));
        assertEquals(1, alerts.seen().size());
        assertEquals("capture", alerts.seen().get(0).failed().name());
    }

    @Test
    void theDefaultExecutorIsTheProducedOne() {
        assertTrue(Airlock.get().configuration().executor().toString().startsWith("retry(sync"),
                Airlock.get().configuration().executor().toString());
        assertTrue(Airlock.get().configuration().executor() instanceof RetryingExecutor
                || Airlock.get().configuration().executor().toString().startsWith("retry("));
    }

    @Test
    void resourceCalledOutsideAnHttpRequest() {
        assertEquals("pending: []", resource.place(42L, "a@b.c"), "no HTTP request here: the @Airlocked scope dispatched at once");
        assertEquals(List.of("reserveStock(42)", "sendConfirmation(42, a@b.c)"), Calls.all());
        Calls.clear();
        assertThrows(IllegalArgumentException.class, () -> resource.place(43L, ""));
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void insideARequestScopeTheResourcesIntentsWaitForIt() {
        Airlock.get().run(() -> {
            resource.place(42L, "a@b.c");
            assertEquals(List.of(), Calls.all());
        });
        assertEquals(List.of("reserveStock(42)", "sendConfirmation(42, a@b.c)"), Calls.all());
    }
}
