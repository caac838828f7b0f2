package io.airlock;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Runs each invocation of the annotated method (or of every business method of the annotated class) in its
 * own airlock scope: the scope flushes when the method returns and is discarded when it throws. Works on
 * CDI beans and on EJBs ({@code @Stateless}, {@code @Singleton}). Nested calls nest scopes, and the
 * outermost scope captures the inner ones' intents.
 *
 * <pre>{@code
 * @Airlocked(policy = BlockCustomerEmails.class, dontDiscardOn = PartialImportException.class)
 * public void reprocess(long orderId) { ... }
 * }</pre>
 *
 * <p>Order with {@code @Transactional}: the interceptor has priority
 * {@code Interceptor.Priority.LIBRARY_BEFORE + 100} (1100), after the transaction interceptors (200), so on
 * the same method the scope opens and flushes inside the transaction, and dispatch waits until the
 * transaction commits. Around a {@code @Transactional} call (on another bean), the scope flushes after
 * that transaction ended and dispatches only what a committed transaction enqueued. Either way nothing of a
 * rolled-back transaction escapes.
 *
 * <p>Members are read and validated once, at deployment: a policy or executor that cannot be created
 * fails the deployment with a message naming the method, and so does {@code @Airlocked} on a private, static
 * or abstract method, which CDI never intercepts. A bean calling its own method (self-invocation) is not
 * intercepted either: the call runs in the caller's scope.
 */
@Inherited
@Documented
@InterceptorBinding
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface Airlocked {

    /** The interceptor's priority. */
    int PRIORITY = jakarta.interceptor.Interceptor.Priority.LIBRARY_BEFORE + 100;

    /**
     * The scope's policy: a CDI bean of that class if there is one, else a new instance through its
     * no-argument constructor, created once. {@code Policy.class} (the default) means the application's
     * default policy. It judges what escapes from this invocation's scope: when the method is called inside
     * another scope (an HTTP request, an outer {@code @Airlocked} method), that scope captures the intents and
     * judges them with its own policy. To filter wherever the method runs, use a local policy block
     * ({@code airlock.withPolicy(p).run(...)}) in the method.
     */
    @Nonbinding
    Class<? extends Policy> policy() default Policy.class;

    /**
     * The scope's executor by name: a built-in executor name ({@code sync}, and those of the Jakarta EE
     * executors) or the name of a CDI bean ({@code @Named}). Empty (the default) means
     * {@link #executorType()}, or the application's default executor. A chosen executor travels with the
     * method's intents when an enclosing scope (the HTTP request's, an outer {@code @Airlocked} method's)
     * captures them: they still go through it when that scope flushes ({@link io.airlock.Scope#honoursChosenExecutors()}).
     */
    @Nonbinding
    String executor() default "";

    /** The scope's executor by class, resolved like {@link #policy()}. Not together with {@link #executor()}. */
    @Nonbinding
    Class<? extends IntentExecutor> executorType() default IntentExecutor.class;

    /**
     * Exceptions (and subclasses) after which the scope discards even though a broader
     * {@link #dontDiscardOn()} class matches them too; the more specific class decides.
     */
    @Nonbinding
    Class<? extends Throwable>[] discardOn() default {};

    /** Exceptions (and subclasses) after which the scope still flushes, like {@code dontRollbackOn}. */
    @Nonbinding
    Class<? extends Throwable>[] dontDiscardOn() default {};

    /** The literal with every member at its default. */
    final class Literal extends AnnotationLiteral<Airlocked> implements Airlocked {
        private static final long serialVersionUID = 1L;
        public static final Literal INSTANCE = new Literal();

        @Override
        public Class<? extends Policy> policy() {
            return Policy.class;
        }

        @Override
        public String executor() {
            return "";
        }

        @Override
        public Class<? extends IntentExecutor> executorType() {
            return IntentExecutor.class;
        }

        @Override
        public Class<? extends Throwable>[] discardOn() {
            return new Class[0];
        }

        @Override
        public Class<? extends Throwable>[] dontDiscardOn() {
            return new Class[0];
        }
    }
}
