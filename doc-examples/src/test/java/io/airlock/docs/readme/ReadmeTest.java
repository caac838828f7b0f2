package io.airlock.docs.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.Airlock;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.docs.shop.Calls;
import io.airlock.docs.shop.Mailer;
import io.airlock.docs.shop.Order;
import io.airlock.docs.shop.Warehouse;
import io.airlock.policy.BlockTasks;
import io.airlock.policy.DropAll;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import java.lang.reflect.Proxy;
import java.util.List;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's examples: the Order entity in plain Java, the CheckoutService in Weld with Narayana. */
@ExtendWith(WeldJunit5Extension.class)
class ReadmeTest {

    /** An EntityManager that knows one order, 42: enough for {@code em.find}. */
    static EntityManager entityManager() {
        return (EntityManager) Proxy.newProxyInstance(ReadmeTest.class.getClassLoader(), new Class<?>[] {EntityManager.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "find" -> new Order((Long) args[1], "a@b.c");
                    case "toString" -> "EntityManager(test)";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @WeldSetup
    public WeldInitiator weld = WeldInitiator.from(AirlockWeld.weld(CheckoutService.class, Mailer.class, Warehouse.class))
            .setPersistenceContextFactory(injectionPoint -> entityManager())
            .activate(jakarta.enterprise.context.RequestScoped.class)
            .build();

    @BeforeEach
    void clean() {
        Calls.clear();
    }

    @Test
    void theThreeWaysAnOrderProcessesInPlainJava() {
        Airlock airlock = Airlock.get();
        Order order = new Order(42L, "a@b.c");
        // tag::escape[]
        airlock.run(() -> order.process());                                // both escape when the block ends
        airlock.scope().policy(new DropAll()).run(() -> order.process());  // a dry run: nothing escapes
        airlock.scope().policy(new BlockTasks("sendConfirmation"))         // everything but the email
               .run(() -> order.process());
        // end::escape[]
        assertEquals(List.of("sendConfirmation(42, a@b.c)", "reserveStock(42)", "reserveStock(42)"), Calls.all());
        assertEquals(Order.Status.PROCESSED, order.status());
    }

    @Test
    void anOverloadedTaskMethodNeedsATypeWitness() {
        Airlock airlock = Airlock.get();
        airlock.run(() -> {
            // tag::overloaded[]
            airlock.<Mailer, Long, String>enqueue(Mailer::notifyCustomer, 42L, "sms");   // the witness picks notifyCustomer(Long, String)
            airlock.<Mailer, Long>enqueue(Mailer::notifyCustomer, 42L);                   // and here notifyCustomer(Long)
            // end::overloaded[]
        });
        assertEquals(List.of("notifyCustomer(42, sms)", "notifyCustomer(42)"), Calls.all());
    }

    @Test
    void outsideAnyScopeTheCheckoutFailsAndItsTransactionRollsBack(CheckoutService checkout, TransactionManager tm) throws Exception {
        assertThrows(io.airlock.NoScopeException.class, () -> checkout.checkout(42L));
        assertEquals(Status.STATUS_NO_TRANSACTION, tm.getStatus());
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void outsideAScopeNothingIsEnqueued() {
        assertThrows(io.airlock.NoScopeException.class, () -> new Order(1L, "x@y.z").process());
        assertEquals(List.of(), Calls.all());
    }

    /** In a server the HTTP request's root scope buffers the intents; here a block stands in for it. */
    @Test
    void checkoutDispatchesAfterTheCommit(CheckoutService checkout) {
        Airlock.get().run(() -> {
            checkout.checkout(42L);
            assertEquals(List.of(), Calls.all(), "committed, but the request's scope has not ended");
        });
        assertEquals(List.of("sendConfirmation(42, a@b.c)", "reserveStock(42)", "reserveStock(42)"), Calls.all());
    }

    @Test
    void aRolledBackCheckoutSendsNothing(CheckoutService checkout, TransactionManager tm) throws Exception {
        Airlock.get().run(() -> {
            tm.begin();
            try {
                checkout.checkout(42L);
            } finally {
                tm.rollback();
            }
        });
        assertEquals(List.of(), Calls.all());
        assertEquals(Status.STATUS_NO_TRANSACTION, tm.getStatus());
    }
}
