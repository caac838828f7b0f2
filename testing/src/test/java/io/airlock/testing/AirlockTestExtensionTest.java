package io.airlock.testing;

import static io.airlock.testing.IntentAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.Intent;
import io.airlock.Scope;
import io.airlock.policy.AllowAll;
import io.airlock.policy.DropAll;
import io.airlock.testing.fixtures.Checkout;
import io.airlock.testing.fixtures.Mailer;
import io.airlock.testing.fixtures.Warehouse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The extension seen from inside a test: what a user's test gets. What happens after a test is checked in {@link ExtensionLifecycleTest}. */
@AirlockTest
class AirlockTestExtensionTest {

    private Intent enqueuedInSetUp;

    @BeforeEach
    void setUp(Scope scope) {
        assertSame(scope, Airlock.get().currentScope().orElseThrow(), "@BeforeEach runs in the test's scope");
        enqueuedInSetUp = Airlock.get().enqueue(Warehouse::reserveStock, 7L);
    }

    @Test
    void eachTestRunsInAScopeThatDropsEverythingByDefault(Scope scope) {
        assertSame(scope, Airlock.get().currentScope().orElseThrow());
        assertTrue(scope.isActive());
        assertInstanceOf(DropAll.class, scope.policy());
        assertTrue(scope.parent().isEmpty(), "the test's scope is the outermost one");
    }

    @Test
    void intentsAreALiveViewOfTheTestsScope(Intents intents, Scope scope) {
        assertEquals(List.of(enqueuedInSetUp), intents.list(), "what @BeforeEach enqueued is there");

        new Checkout().complete(42L, "a@b.c");

        assertEquals(List.of("reserveStock", "reserveStock", "sendConfirmation"), intents.names());
        assertEquals(scope.intents(), intents.list());
        assertEquals("[reserveStock(7), reserveStock(42), sendConfirmation(42, \"a@b.c\")]", intents.toString());
        assertThat(intents).hasIntent("sendConfirmation").withArgs(42L, "a@b.c").once();
    }

    @Test
    void nestedScopesFlushIntoTheTestsScope(Intents intents) {
        List<Intent> flushed = Airlock.get().scope().policy(new AllowAll()).call(() -> {
            Airlock.get().enqueue(Mailer::sendReminder, 42L);
            return Airlock.get().currentScope().orElseThrow().intents();
        });

        assertEquals(1, flushed.size());
        assertThat(intents).containsExactlyInOrder("reserveStock", "sendReminder");
    }

    @Test
    @AirlockTest(policy = AllowAll.class)
    void aMethodChoosesItsOwnPolicy(Scope scope) {
        assertInstanceOf(AllowAll.class, scope.policy());
    }

    @Nested
    class NestedTests {

        @Test
        void inheritTheEnclosingClassSettings(Scope scope, Intents intents) {
            assertInstanceOf(DropAll.class, scope.policy());
            assertThat(intents).containsExactlyInOrder("reserveStock");
        }
    }

    @Nested
    @AirlockTest(policy = AllowAll.class)
    class NestedTestsWithTheirOwnPolicy {

        @Test
        void useTheirOwn(Scope scope) {
            assertInstanceOf(AllowAll.class, scope.policy());
        }
    }
}
