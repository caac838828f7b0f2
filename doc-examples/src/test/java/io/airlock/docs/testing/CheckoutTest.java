package io.airlock.docs.testing;

import static io.airlock.testing.IntentAssertions.assertThat;
import static io.airlock.testing.IntentAssertions.assertThatIntents;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.Intent;
import io.airlock.docs.shop.Calls;
import io.airlock.docs.shop.Order;
import io.airlock.policy.AllowAll;
import io.airlock.spi.TransactionBinding;
import io.airlock.testing.AirlockTest;
import io.airlock.testing.Intents;
import io.airlock.testing.NoSideEffects;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/testing.md: a test class as a user writes it. */
// tag::airlockTest[]
@AirlockTest                                   // each test in its own scope; DropAll: nothing escapes
class CheckoutTest {

    @Test
    void processingAnOrderReservesStockAndConfirms(Intents intents) {
        new Order(42L, "a@b.c").process();

        assertThat(intents)
                .containsExactlyInOrder("sendConfirmation", "reserveStock")
                .hasIntent("sendConfirmation").withArgs(42L, "a@b.c").once();
    }
    // end::airlockTest[]

    @BeforeEach
    void clean() {
        Calls.clear();
    }

    @AfterEach
    void nothingRanDuringTheTest() {
        assertEquals(List.of(), Calls.all(), "the test's scope flushes only after @AfterEach");
    }

    // tag::noSideEffects[]
    @Test
    @NoSideEffects
    void aQuoteChangesNothing() {
        assertEquals(new BigDecimal("9.90"), Pricing.quote(2, new BigDecimal("4.95")));
    }
    // end::noSideEffects[]

    @Test
    @AirlockTest(policy = AllowAll.class)
    void allowAllReallyDispatchesWhenTheTestEnds(Intents intents) {
        new Order(7L, "x@y.z").process();
        assertThat(intents).hasSize(2);
        Calls.clear();
    }

    @Test
    void theIntentsThatCanStillEscape(Intents intents) {
        new Order(42L, "a@b.c").process();
        // tag::canEscape[]
        List<Intent> canEscape = intents.list().stream()   // leaves out those of a transaction that rolled back
                .filter(i -> i.transaction().map(tx -> tx.status() != TransactionBinding.Status.ROLLED_BACK).orElse(true))
                .toList();
        assertThatIntents(canEscape).containsExactlyInOrder("sendConfirmation", "reserveStock");
        // end::canEscape[]
    }

    static final class Pricing {
        static BigDecimal quote(int quantity, BigDecimal price) {
            return price.multiply(BigDecimal.valueOf(quantity));
        }
    }
// tag::airlockTest[]
}
// end::airlockTest[]
