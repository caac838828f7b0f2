package io.airlock.testing;

import io.airlock.Airlock;
import io.airlock.Intent;
import io.airlock.Policy;
import io.airlock.Scope;
import io.airlock.policy.DropAll;
import io.airlock.testing.internal.ConfiguredExecutor;
import io.airlock.testing.internal.RecordingNoEffects;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * The JUnit 5 extension behind {@link AirlockTest} and {@link NoSideEffects}: one airlock scope per test
 * method, {@link io.airlock.Scope} and {@link Intents} parameters, a clean thread and the application's
 * configuration reset afterwards. Prefer the annotations; register it directly with
 * {@code @ExtendWith(AirlockJunit5Extension.class)} (the tests then run with {@link DropAll}) or
 * {@code @RegisterExtension}.
 *
 * <p>The scope opens before the test's {@code @BeforeEach} methods and closes after its {@code @AfterEach}
 * methods. It is a plain {@link Scope}, whatever scope factory the application configures, so it captures what every
 * scope nested in it flushes, and only its policy decides what escapes. It is bound to the thread that runs them, so code under test that enqueues on another thread
 * (including a test method run with {@code @Timeout(threadMode = SEPARATE_THREAD)}) does not see it.
 */
public final class AirlockJunit5Extension implements BeforeEachCallback, AfterEachCallback, ParameterResolver, InvocationInterceptor {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AirlockJunit5Extension.class);
    private static final String KEY = "scope";

    /** What one test opened; {@code dynamic}, the scope of the dynamic test of a {@code @TestFactory} running now. */
    private record TestScope(Scope scope, Policy policy, AtomicReference<Scope> dynamic) {
        /** What the test's {@link Intents} show: the test's scope, then the running dynamic test's. */
        List<Intent> intents() {
            Scope running = dynamic.get();
            if (running == null) {
                return scope.intents();
            }
            List<Intent> all = new ArrayList<>(scope.intents());
            all.addAll(running.intents());
            return java.util.Collections.unmodifiableList(all);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<Scope> leftOver = Airlock.get().currentScope();
        if (leftOver.isPresent()) {
            throw new IllegalStateException("An airlock scope was left on this thread by code that ran before this test: " + leftOver.get()
                    + ". It would capture this test's intents. Close every scope you open (exit() and flush() or discard()).");
        }
        Policy policy = policyFor(context);
        // a plain Scope whatever the application's scope factory: it captures every nested scope's intents, so that one
        // that lets them through (a factory's Independent scope, say) cannot dispatch them past the test's policy
        Scope scope = Airlock.get().scope().type(Scope::new).policy(policy).executor(new ConfiguredExecutor()).open();
        context.getStore(NAMESPACE).put(KEY, new TestScope(scope, policy, new AtomicReference<>()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestScope test = context.getStore(NAMESPACE).remove(KEY, TestScope.class);
        if (test == null) {
            return;
        }
        try {
            close(test, context.getExecutionException().isPresent());
        } finally {
            Airlock.get().resetConfiguration();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Scope.class || type == Intents.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestScope test = context.getStore(NAMESPACE).get(KEY, TestScope.class);
        if (test == null || !(parameter.getDeclaringExecutable() instanceof Method)) {
            throw new ParameterResolutionException("airlock opens one scope per test method: a " + parameter.getParameter().getType().getSimpleName()
                    + " parameter can be injected into test, @BeforeEach and @AfterEach methods, not into " + parameter.getDeclaringExecutable()
                    + ".");
        }
        return parameter.getParameter().getType() == Scope.class ? test.scope() : Intents.live(test::intents);
    }

    /**
     * A dynamic test of a {@code @TestFactory} runs in a scope of its own, nested in the factory method's: it flushes
     * into the factory's scope (whose policy decides at the end) when the dynamic test passes, and is discarded when it
     * fails, so that a failing dynamic test dispatches nothing even though the factory method itself passed.
     */
    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext, ExtensionContext context)
            throws Throwable {
        TestScope test = context.getStore(NAMESPACE).get(KEY, TestScope.class);
        if (test == null) {
            invocation.proceed();
            return;
        }
        try {
            Airlock.get().scope().type(Scope::new).<Exception>run(() -> {
                test.dynamic().set(Airlock.get().currentScope().orElse(null));
                try {
                    invocation.proceed();
                } catch (Exception | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new DynamicTestFailure(e);
                }
            });
        } catch (DynamicTestFailure failure) {
            throw failure.getCause();
        } finally {
            test.dynamic().set(null);
        }
    }

    /** A dynamic test's failure that is neither an exception nor an error, carried through the scope's block and thrown again as it was. */
    private static final class DynamicTestFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DynamicTestFailure(Throwable failure) {
            super(failure);
        }
    }

    // ---------------------------------------------------------------------------------------- closing

    private static void close(TestScope test, boolean testFailed) {
        Scope scope = test.scope();
        List<Scope> leftOpen = exitScopesOpenedInside(scope);
        if (scope.isActive()) {
            scope.exit();
        }
        List<Intent> refused = test.policy() instanceof RecordingNoEffects noEffects ? noEffects.refused() : List.of();
        if (!scope.isFlushed() && !scope.isDiscarded()) {
            if (testFailed || !refused.isEmpty() || !leftOpen.isEmpty()) {
                scope.discard();
            } else {
                scope.flush();
            }
        }
        if (!leftOpen.isEmpty()) {
            throw new AssertionFailedError("The test left " + leftOpen.size() + " airlock scope(s) open: " + leftOpen
                    + ". airlock exited them and discarded the test's scope; nothing was flushed. Close every scope you open.");
        }
        if (!refused.isEmpty() && !testFailed) {
            throw new AssertionFailedError("Expected no side effects, but the code under test enqueued " + refused
                    + " (and caught the PolicyViolationException that refused it).");
        }
    }

    /**
     * Exits, innermost first, the scopes the test entered inside its own and never exited; if the test exited
     * its own scope, those it entered after that.
     */
    private static List<Scope> exitScopesOpenedInside(Scope scope) {
        List<Scope> leftOpen = new ArrayList<>();
        Scope stop = scope.isActive() ? scope : scope.parent().orElse(null);
        for (Optional<Scope> current = Airlock.get().currentScope(); current.isPresent() && current.get() != stop;
                current = Airlock.get().currentScope()) {
            current.get().exit();
            leftOpen.add(current.get());
        }
        return leftOpen;
    }

    // ------------------------------------------------------------------------------------- the policy

    /**
     * The closest declaration wins: the method, then its class (then the interfaces it implements), its superclasses (and
     * theirs), then its enclosing classes in the same way.
     */
    private static Policy policyFor(ExtensionContext context) {
        Optional<Policy> declared = declaredPolicy(context.getRequiredTestMethod());
        for (Class<?> type = context.getRequiredTestClass(); declared.isEmpty() && type != null; type = enclosing(type)) {
            for (Class<?> c = type; declared.isEmpty() && c != null && c != Object.class; c = c.getSuperclass()) {
                declared = declaredPolicy(c);
                for (java.util.Iterator<Class<?>> i = interfaces(c).iterator(); declared.isEmpty() && i.hasNext(); ) {
                    declared = declaredPolicy(i.next());
                }
            }
        }
        return declared.orElseGet(DropAll::new);
    }

    /**
     * {@code type} on {@code element} itself, directly or through an annotation of its own (a composed annotation): on a
     * class, not what it inherits, so that a subclass's declaration and its superclass's are two levels, the closer one
     * winning, rather than one contradiction.
     */
    private static <A extends Annotation> Optional<A> declaredOn(AnnotatedElement element, Class<A> type) {
        if (!(element instanceof Class<?> c)) {
            return AnnotationSupport.findAnnotation(element, type);
        }
        for (Annotation annotation : c.getDeclaredAnnotations()) {
            if (annotation.annotationType() == type) {
                return Optional.of(type.cast(annotation));
            }
            Optional<A> composed = AnnotationSupport.findAnnotation(annotation.annotationType(), type);
            if (composed.isPresent()) {
                return composed;
            }
        }
        return Optional.empty();
    }

    /** The interfaces {@code type} implements, its own first, then theirs, breadth first. */
    private static List<Class<?>> interfaces(Class<?> type) {
        List<Class<?>> all = new ArrayList<>(List.of(type.getInterfaces()));
        for (int i = 0; i < all.size(); i++) {
            for (Class<?> parent : all.get(i).getInterfaces()) {
                if (!all.contains(parent)) {
                    all.add(parent);
                }
            }
        }
        return all;
    }

    private static Class<?> enclosing(Class<?> type) {
        return Modifier.isStatic(type.getModifiers()) ? null : type.getEnclosingClass();
    }

    private static Optional<Policy> declaredPolicy(AnnotatedElement element) {
        Optional<AirlockTest> airlockTest = declaredOn(element, AirlockTest.class);
        boolean noSideEffects = declaredOn(element, NoSideEffects.class).isPresent();
        if (noSideEffects) {
            if (airlockTest.isPresent() && airlockTest.get().policy() != DropAll.class) {
                throw new ExtensionConfigurationException(element + " has both @NoSideEffects and @AirlockTest(policy = "
                        + airlockTest.get().policy().getSimpleName() + ".class), which contradict each other. Keep one.");
            }
            return Optional.of(new RecordingNoEffects());
        }
        return airlockTest.map(a -> instantiate(a.policy()));
    }

    private static Policy instantiate(Class<? extends Policy> type) {
        try {
            Constructor<? extends Policy> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("@AirlockTest(policy = " + type.getName() + ".class): cannot create the policy. "
                    + "A policy named in @AirlockTest needs a no-argument constructor (a static nested class if it is nested).", e);
        }
    }
}
