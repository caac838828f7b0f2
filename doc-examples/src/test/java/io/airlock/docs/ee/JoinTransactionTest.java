package io.airlock.docs.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.Airlock;
import io.airlock.NoScopeException;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.docs.shop.Calls;
import io.airlock.docs.shop.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** airlock.no-scope=join-transaction, read from a system property as a server's config would give it. */
class JoinTransactionTest {

    @ApplicationScoped
    public static class Billing {
        @Inject Airlock airlock;

        // tag::join[]
        @Transactional   // no @Airlocked, no HTTP request: with airlock.no-scope=join-transaction the
        public void invoice(long orderId) {           // intent joins the transaction's own scope
            airlock.enqueue(Mailer::sendReminder, orderId);   // and escapes if it commits
        }
        // end::join[]

        public void noTransaction(long orderId) {
            airlock.enqueue(Mailer::sendReminder, orderId);
        }
    }

    @Test
    void joinTransaction() {
        Calls.clear();
        System.setProperty("airlock.no-scope", "join-transaction");
        try (WeldContainer weld = AirlockWeld.weld(Billing.class, Mailer.class).initialize()) {
            Billing billing = weld.select(Billing.class).get();
            billing.invoice(42L);
            assertEquals(List.of("sendReminder(42)"), Calls.all());
            assertThrows(NoScopeException.class, () -> billing.noTransaction(43L));
        } finally {
            System.clearProperty("airlock.no-scope");
            Airlock.get().resetConfiguration();
        }
    }
}
