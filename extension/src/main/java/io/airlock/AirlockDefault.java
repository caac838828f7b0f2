package io.airlock;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks the CDI bean that serves as the application's default {@link Policy}, {@link IntentExecutor} or
 * {@link ScopeFactory}:
 * <pre>{@code
 * @Produces @AirlockDefault
 * IntentExecutor executor(ManagedExecutor managed) { return managed.withRetry(3, Backoff.none()); }
 * }</pre>
 * The configuration keys {@code airlock.policy}, {@code airlock.executor} and {@code airlock.scope-factory}, when set,
 * take precedence.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({TYPE, METHOD, FIELD, PARAMETER})
public @interface AirlockDefault {

    /** The literal, for programmatic look-up. */
    final class Literal extends AnnotationLiteral<AirlockDefault> implements AirlockDefault {
        private static final long serialVersionUID = 1L;
        public static final Literal INSTANCE = new Literal();
    }
}
