package io.airlock.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.airlock.Scope;
import io.airlock.policy.AssertNoEffects;
import io.airlock.policy.DropAll;
import io.airlock.testing.fixtures.Checkout;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** {@code @NoSideEffects} on a class, seen from inside its tests; the failing cases (an enqueue fails the test, even a caught one) are in {@link ExtensionLifecycleTest}. */
@NoSideEffects
class NoSideEffectsTest {

    private final Checkout checkout = new Checkout();

    @Test
    void pureCodePasses(Scope scope) {
        assertInstanceOf(AssertNoEffects.class, scope.policy());
        assertEquals(new BigDecimal("9.90"), checkout.quote(2));
    }

    @Test
    @AirlockTest
    void aMethodMayGoBackToDroppingEverything(Scope scope) {
        assertInstanceOf(DropAll.class, scope.policy());
        checkout.complete(42L, "a@b.c");
    }
}
