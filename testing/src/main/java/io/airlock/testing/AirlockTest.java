package io.airlock.testing;

import io.airlock.Policy;
import io.airlock.policy.DropAll;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs every test method in its own airlock scope, so that no side effect escapes from a test: by default
 * the scope's policy is {@link DropAll}, which buffers every intent and dispatches none.
 *
 * <pre>{@code
 * @AirlockTest
 * class CheckoutTest {
 *
 *     @Test
 *     void checkoutConfirmsTheOrder(Intents intents) {
 *         new Checkout().complete(42L, "a@b.c");
 *
 *         assertThat(intents).containsExactlyInOrder("reserveStock", "sendConfirmation");
 *         assertThat(intents).hasIntent("sendConfirmation").withArgs(42L, "a@b.c");
 *     }
 *
 *     @Test
 *     @AirlockTest(policy = AllowAll.class)   // this test's effects really run, when it ends
 *     void confirmationIsSent() { ... }
 * }
 * }</pre>
 *
 * <p>What the extension ({@link AirlockJunit5Extension}) does for each test:
 * <ul>
 * <li>before the test (and before its {@code @BeforeEach} methods) it opens a scope with the chosen policy
 *     and the configured executor, and makes it the thread's current scope;</li>
 * <li>test, {@code @BeforeEach} and {@code @AfterEach} methods may declare a {@link io.airlock.Scope} or an
 *     {@link Intents} parameter to see that scope and what was enqueued into it;</li>
 * <li>after the test (and its {@code @AfterEach} methods) it closes the scope: it flushes it when the test
 *     passed (so an allowing policy really dispatches, and a dispatch failure fails the test) and discards
 *     it when the test failed. Scopes the test opened and left open are exited too, and reported. The
 *     thread is left with no scope, and the application's configuration is
 *     {@linkplain io.airlock.Airlock#resetConfiguration() reset}, whatever the outcome.</li>
 * </ul>
 *
 * <p>The annotation may be placed on a test class (it applies to its methods, its subclasses and its
 * {@code @Nested} classes) and on a test method; the closest one wins, and {@link NoSideEffects} counts as
 * one too.
 *
 * <p><b>With weld-junit5</b>, declare Weld's extension first and this annotation after it, so that the
 * container is up when the scope opens and still up when the scope flushes, and add weld-junit's
 * {@code @ExplicitParamInjection}, without which Weld claims every test method parameter (including
 * {@code Intents} and {@code Scope}) and fails on those it cannot resolve:
 * <pre>{@code
 * @EnableAutoWeld
 * @AddExtensions(io.airlock.internal.cdi.AirlockExtension.class)
 * @AddBeanClasses(OrderService.class)
 * @ExplicitParamInjection
 * @AirlockTest
 * class OrderServiceTest {
 *     @Inject
 *     OrderService orders;     // its @Inject Airlock enqueues into the test's scope
 *
 *     @Test
 *     void checkout(Intents intents) {
 *         orders.checkout(42L);
 *         assertThat(intents).hasIntent("sendConfirmation").withArgs(42L);
 *     }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(AirlockJunit5Extension.class)
public @interface AirlockTest {

    /**
     * The policy of the test's scope: a {@link Policy} class with a no-argument constructor, created anew
     * for each test. {@link DropAll} (the default) lets nothing escape; {@code AllowAll} dispatches the
     * test's intents through the configured executor when the test ends.
     */
    Class<? extends Policy> policy() default DropAll.class;
}
