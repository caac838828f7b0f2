package io.airlock.internal.interceptor;

import io.airlock.Airlock;
import io.airlock.Airlocked;
import io.airlock.IntentExecutor;
import io.airlock.Policy;
import io.airlock.ScopeRunner;
import io.airlock.UsageException;
import io.airlock.internal.cdi.Components;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The scope settings of every {@code @Airlocked} method, computed once per method. */
final class AirlockedMethods {

    private static final Map<Method, ScopeRunner> RUNNERS = new ConcurrentHashMap<>();

    /**
     * The same runners by {@code Method} instance, for the look-up on every call: the interceptor is handed
     * its container's copy of the method, which equals the one seen at deployment but is another instance,
     * and {@code Method.equals} compares parameter types. Copied on write; it grows by one entry per method
     * instance the container uses, once, up to a bound.
     */
    private static volatile Map<Method, ScopeRunner> byInstance = new IdentityHashMap<>();

    private AirlockedMethods() {
    }

    static synchronized void clear() {
        RUNNERS.clear();
        byInstance = new IdentityHashMap<>();
    }

    /** Validates a method's binding at deployment and keeps its runner. */
    static void prepare(BeanManager beanManager, Method method, Airlocked binding) {
        RUNNERS.put(method, runner(beanManager, binding, describe(method)));
    }

    /** The runner of the intercepted method; one missed at deployment (a binding through a stereotype) is computed once now. */
    static ScopeRunner runnerFor(InvocationContext context) {
        Method method = context.getMethod();
        ScopeRunner runner = byInstance.get(method);
        if (runner != null) {
            return runner;
        }
        runner = RUNNERS.get(method);
        if (runner != null) {
            remember(method, runner);
            return runner;
        }
        Airlocked binding = binding(context);
        try {
            runner = runner(CDI.current().getBeanManager(), binding, describe(method));
        } catch (DeploymentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        ScopeRunner raced = RUNNERS.putIfAbsent(method, runner);
        runner = raced != null ? raced : runner;
        remember(method, runner);
        return runner;
    }

    private static synchronized void remember(Method instance, ScopeRunner runner) {
        if (byInstance.size() >= 4 * Math.max(RUNNERS.size(), 16)) {
            return; // a container that hands out a new Method per call: the equality look-up serves it
        }
        Map<Method, ScopeRunner> copy = new IdentityHashMap<>(byInstance);
        copy.put(instance, runner);
        byInstance = copy;
    }

    /** The binding as written on the method or its class (Jakarta Interceptors 2.1 does not hand it to us). */
    private static Airlocked binding(InvocationContext context) {
        Method method = context.getMethod();
        Airlocked binding = method.getAnnotation(Airlocked.class);
        if (binding == null && context.getTarget() != null) {
            binding = context.getTarget().getClass().getAnnotation(Airlocked.class);
        }
        if (binding == null) {
            binding = method.getDeclaringClass().getAnnotation(Airlocked.class);
        }
        return binding != null ? binding : Airlocked.Literal.INSTANCE;
    }

    static String describe(Method method) {
        return "@Airlocked on " + method.getDeclaringClass().getName() + "." + method.getName()
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    private static ScopeRunner runner(BeanManager beanManager, Airlocked binding, String where) {
        ScopeRunner runner = Airlock.get().scope();
        if (binding.policy() != Policy.class) {
            runner = runner.policy(Components.instance(beanManager, binding.policy(), Policy.class, where + ", policy"));
        }
        boolean named = !binding.executor().isBlank();
        boolean typed = binding.executorType() != IntentExecutor.class;
        if (named && typed) {
            throw new DeploymentException(where + ": set executor or executorType, not both (executor = \"" + binding.executor()
                    + "\", executorType = " + binding.executorType().getName() + ").");
        }
        if (named) {
            runner = runner.executor(Components.executor(beanManager, binding.executor().trim(), where + ", executor"));
        } else if (typed) {
            runner = runner.executor(Components.instance(beanManager, binding.executorType(), IntentExecutor.class, where + ", executorType"));
        }
        if (binding.discardOn().length > 0) {
            runner = runner.discardOn(binding.discardOn());
        }
        if (binding.dontDiscardOn().length > 0) {
            runner = runner.dontDiscardOn(binding.dontDiscardOn());
        }
        return runner;
    }
}
