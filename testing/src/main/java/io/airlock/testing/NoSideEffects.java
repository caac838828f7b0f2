package io.airlock.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Asserts that the code under test has no side effects: the test runs in an airlock scope with the
 * {@link io.airlock.policy.AssertNoEffects} policy, so the first {@code enqueue} throws a
 * {@link io.airlock.PolicyViolationException} that names the intent and fails the test.
 *
 * <pre>{@code
 * @Test
 * @NoSideEffects
 * void aQuoteChangesNothing() {
 *     assertEquals(new BigDecimal("9.90"), pricing.quote(cart));
 * }
 * }</pre>
 *
 * <p>The test fails even if the code under test catches that exception: the extension remembers every
 * refused intent and reports them when the test ends.
 *
 * <p>Otherwise it behaves like {@link AirlockTest} (whose extension it registers): on a class it applies to
 * every test method, and the closest of the two annotations wins.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(AirlockJunit5Extension.class)
public @interface NoSideEffects {
}
