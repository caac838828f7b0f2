package io.airlock.docs.alternatives;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.docs.shop.Calls;
import io.airlock.docs.shop.Mailer;
import jakarta.transaction.TransactionManager;
import java.util.List;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** docs/alternatives.md: the transactional observer really runs after commit, and not on rollback. */
@ExtendWith(WeldJunit5Extension.class)
class AlternativesTest {

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(ObserverCheckout.Checkout.class, ObserverCheckout.Confirmations.class, Mailer.class);

    @Test
    void afterSuccessObserver(ObserverCheckout.Checkout checkout, TransactionManager tm) throws Exception {
        Calls.clear();
        checkout.checkout(42L, "a@b.c");
        assertEquals(List.of("sendConfirmation(42, a@b.c)"), Calls.all());
        Calls.clear();
        tm.begin();
        try {
            checkout.checkout(43L, "a@b.c");
        } finally {
            tm.rollback();
        }
        assertEquals(List.of(), Calls.all());
    }
}
