package io.airlock.testing.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.airlock.Airlock;
import io.airlock.Intent;
import io.airlock.Policy;
import io.airlock.Scope;
import io.airlock.policy.AllowAll;
import io.airlock.testing.AirlockTest;
import io.airlock.testing.NoSideEffects;
import io.airlock.testing.fixtures.Checkout;
import io.airlock.testing.fixtures.Effects;
import io.airlock.testing.fixtures.Mailer;
import io.airlock.internal.cdi.AirlockExtension;
import io.airlock.testing.fixtures.CdiMailer;
import io.airlock.testing.fixtures.OrderService;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;

/**
 * Test classes that {@code ExtensionLifecycleTest} runs through the JUnit Platform test kit, to see what the
 * extension does after a test, including a failing one. Not run on their own (surefire picks up *Test only).
 */
public final class Scenarios {

    private Scenarios() {
    }

    @AirlockTest
    public static class DropsByDefault {
        @Test
        void checkout() {
            new Checkout().complete(42L, "a@b.c");
        }
    }

    @AirlockTest(policy = AllowAll.class)
    public static class AllowsAll {
        @Test
        void checkout() {
            new Checkout().complete(42L, "a@b.c");
            assertEquals("[]", Effects.happened().toString(), "nothing runs before the test ends");
        }
    }

    @AirlockTest(policy = AllowAll.class)
    public static class AllowsAllButFails {
        @Test
        void checkout() {
            new Checkout().complete(42L, "a@b.c");
            fail("the test's own failure");
        }
    }

    @AirlockTest(policy = AllowAll.class)
    public static class DispatchFails {
        @Test
        void bounce() {
            Airlock.get().enqueue(Mailer::bounce, "at flush");
        }
    }

    @AirlockTest(policy = AllowAll.class)
    public static class ConfiguresAnExecutor {
        @Test
        void remind() {
            Airlock.get().configure(config -> config.withExecutor(intent -> Effects.record("via the test's executor: " + intent)));
            Airlock.get().enqueue(Mailer::sendReminder, 42L);
        }
    }

    @NoSideEffects
    public static class EnqueuesUnderNoSideEffects {
        @Test
        void checkout() {
            new Checkout().complete(42L, "a@b.c");
        }
    }

    @NoSideEffects
    public static class EnqueuesInItsOwnScopeUnderNoSideEffects {
        @Test
        void checkout() {
            Airlock.get().run(() -> new Checkout().complete(42L, "a@b.c")); // as an @Airlocked service method does
        }
    }

    @NoSideEffects
    public static class SwallowsTheViolation {
        @Test
        void quote() {
            assertEquals(new BigDecimal("9.90"), new Checkout().quoteAndRemind(2, 42L));
        }
    }

    @AirlockTest
    public static class LeavesAScopeOpen {
        @Test
        void openAndForget() {
            Scope forgotten = Airlock.get().scope().open();
            Airlock.get().enqueue(Mailer::sendReminder, 42L);
            assertEquals(1, forgotten.intents().size());
        }
    }

    @AirlockTest
    public static class ExitsItsScopeAndOpensAnother {
        @Test
        void exitAndOpen(Scope scope) {
            scope.exit();
            Airlock.get().scope().open();
            Airlock.get().enqueue(Mailer::sendReminder, 42L);
        }
    }

    @AirlockTest
    public static class WantsTheScopeInItsConstructor {
        WantsTheScopeInItsConstructor(Scope scope) {
        }

        @Test
        void never() {
        }
    }

    @AirlockTest(policy = AllowAll.class)
    @NoSideEffects
    public static class ContradictsItself {
        @Test
        void never() {
        }
    }

    /** A policy that needs an argument, which an annotation cannot give. */
    public static class NeedsAnArgument implements Policy {
        public NeedsAnArgument(String name) {
        }

        @Override
        public boolean allows(Intent intent) {
            return false;
        }
    }

    @AirlockTest(policy = NeedsAnArgument.class)
    public static class NamesAPolicyWithoutNoArgConstructor {
        @Test
        void never() {
        }
    }
    /** Weld first, then airlock: the scope flushes while the container is still up. */
    @EnableAutoWeld
    @AddExtensions(AirlockExtension.class)
    @AddBeanClasses({OrderService.class, CdiMailer.class, CdiMailer.Signature.class})
    @AirlockTest(policy = AllowAll.class)
    public static class WeldAllowsAll {
        @Inject
        OrderService orders;

        @Test
        void checkout() {
            orders.checkout(42L, "a@b.c");
            assertEquals("[]", Effects.happened().toString(), "nothing runs before the test ends");
        }
    }

    /** Lets nested scopes through, as docs/nesting.md's Independent: the application's scope factory here. */
    public static class Independent extends Scope {
        public Independent(Policy policy, io.airlock.IntentExecutor executor) {
            super(policy, executor);
        }

        @Override
        public java.util.List<Intent> beforeDescendantFlushes(Scope exitingScope, java.util.List<Intent> intents) {
            return intents;
        }
    }

    @AirlockTest
    public static class DropsAllWhateverTheScopeFactory {
        @org.junit.jupiter.api.BeforeAll
        static void application() {
            Airlock.get().configure(c -> c.withScopeFactory(Independent::new));
        }

        @Test
        void nestedBlock() {
            Airlock.get().run(() -> Airlock.get().enqueue(Mailer::sendReminder, 1L)); // as an @Airlocked method would
        }
    }

    @NoSideEffects
    public static class NoSideEffectsWhateverTheScopeFactory {
        @org.junit.jupiter.api.BeforeAll
        static void application() {
            Airlock.get().configure(c -> c.withScopeFactory(Independent::new));
        }

        @Test
        void nestedBlock() {
            Airlock.get().run(() -> Airlock.get().enqueue(Mailer::sendReminder, 2L));
        }
    }

    @AirlockTest
    public static class DynamicTestsAssertingAsTheyGo {
        @org.junit.jupiter.api.TestFactory
        java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> reminders(io.airlock.testing.Intents intents) {
            return java.util.stream.Stream.of(1L, 2L).map(id -> org.junit.jupiter.api.DynamicTest.dynamicTest("reminder " + id, () -> {
                Airlock.get().enqueue(Mailer::sendReminder, id);
                io.airlock.testing.IntentAssertions.assertThat(intents).hasIntent("sendReminder").withArgs(id).once();
            }));
        }
    }

    @AirlockTest(policy = AllowAll.class)
    public static class DynamicTests {
        @org.junit.jupiter.api.TestFactory
        java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> reminders() {
            return java.util.stream.Stream.of(
                    org.junit.jupiter.api.DynamicTest.dynamicTest("fails", () -> {
                        Airlock.get().enqueue(Mailer::sendReminder, 1L);
                        fail("the first dynamic test fails");
                    }),
                    org.junit.jupiter.api.DynamicTest.dynamicTest("passes", () -> Airlock.get().enqueue(Mailer::sendReminder, 2L)));
        }
    }

    @AirlockTest(policy = AllowAll.class)
    public abstract static class AllowingBase {
    }

    /** The subclass's own declaration wins over its superclass's. */
    @NoSideEffects
    public static class NoSideEffectsOverAnAllowingBase extends AllowingBase {
        @Test
        void checkout() {
            new Checkout().complete(42L, "a@b.c");
        }
    }

    @NoSideEffects
    public abstract static class NoEffectsBase {
    }

    @AirlockTest(policy = AllowAll.class)
    public static class AllowsAllOverANoSideEffectsBase extends NoEffectsBase {
        @Test
        void checkout() {
            new Checkout().complete(42L, "a@b.c");
        }
    }

    /** Only the superclass declares: it applies. */
    public static class InheritsNoSideEffects extends NoEffectsBase {
        @Test
        void checkout() {
            new Checkout().complete(42L, "a@b.c");
        }
    }

    /** A test interface that declares the policy of the classes implementing it. */
    @NoSideEffects
    public interface Pure {
    }

    public static class ImplementsAPureTestInterface implements Pure {
        @Test
        void checkout() {
            new Checkout().complete(42L, "a@b.c");
        }
    }
}
