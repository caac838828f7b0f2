package io.airlock.internal.interceptor;

import io.airlock.Airlock;
import io.airlock.Airlocked;
import io.airlock.IntentExecutor;
import io.airlock.Policy;
import io.airlock.ScopeRunner;
import io.airlock.UsageException;
import io.airlock.internal.cdi.Components;
import jakarta.enterprise.inject.Stereotype;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The scope settings of every {@code @Airlocked} method of every bean class, computed once per method and bean class. */
final class AirlockedMethods {

    /** A method as a bean class has it: two beans inheriting one method may carry different class-level bindings. */
    record Key(Class<?> beanClass, Method method) {
    }

    /** Validated at deployment. */
    private static final Map<Key, ScopeRunner> RUNNERS = new ConcurrentHashMap<>();

    /**
     * The runners by the class of the intercepted instance (a container's subclass or proxy of the bean class, or the
     * bean class itself), then by method: the look-up of every call. Replaced, never cleared in place, on redeployment.
     */
    private static volatile Map<Class<?>, Map<Method, ScopeRunner>> byTarget = new ConcurrentHashMap<>();

    private AirlockedMethods() {
    }

    static synchronized void clear() {
        RUNNERS.clear();
        byTarget = new ConcurrentHashMap<>();
    }

    /** Validates a bean method's binding at deployment and keeps its runner. */
    static void prepare(BeanManager beanManager, Key key, Airlocked binding) {
        RUNNERS.put(key, runner(beanManager, binding, describe(key.beanClass(), key.method())));
    }

    /**
     * The runner of the intercepted method on the intercepted instance: the one validated at deployment for the first
     * class up the instance's hierarchy that is a bean class with that method; else (a binding added where the
     * deployment did not see it, through an {@code InterceptionFactory} say) computed once now from the annotations.
     */
    static ScopeRunner runnerFor(InvocationContext context) {
        Method method = context.getMethod();
        Object target = context.getTarget();
        Class<?> targetClass = target != null ? target.getClass() : method.getDeclaringClass();
        Map<Class<?>, Map<Method, ScopeRunner>> cache = byTarget;
        Map<Method, ScopeRunner> ofTarget = cache.get(targetClass);
        if (ofTarget == null) {
            ofTarget = cache.computeIfAbsent(targetClass, c -> new ConcurrentHashMap<>());
        }
        ScopeRunner runner = ofTarget.get(method);
        if (runner == null) {
            runner = resolve(targetClass, method);
            ScopeRunner raced = ofTarget.putIfAbsent(method, runner);
            runner = raced != null ? raced : runner;
        }
        return runner;
    }

    private static ScopeRunner resolve(Class<?> targetClass, Method method) {
        for (Class<?> c = targetClass; c != null && c != Object.class; c = c.getSuperclass()) {
            ScopeRunner validated = RUNNERS.get(new Key(c, method));
            if (validated != null) {
                return validated;
            }
        }
        try {
            return runner(CDI.current().getBeanManager(), binding(targetClass, method), describe(targetClass, method));
        } catch (DeploymentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** The binding as written: on the method, else on the nearest class up the instance's hierarchy, directly or through a stereotype. */
    private static Airlocked binding(Class<?> targetClass, Method method) {
        Airlocked binding = method.getAnnotation(Airlocked.class);
        for (Class<?> c = targetClass; binding == null && c != null && c != Object.class; c = c.getSuperclass()) {
            binding = c.getDeclaredAnnotation(Airlocked.class);
            if (binding == null) {
                binding = fromStereotypes(Arrays.asList(c.getDeclaredAnnotations()));
            }
        }
        return binding != null ? binding : Airlocked.Literal.INSTANCE;
    }

    /** The {@code @Airlocked} a stereotype among {@code annotations} carries (stereotypes may stack), or null. */
    static Airlocked fromStereotypes(Collection<Annotation> annotations) {
        return fromStereotypes(annotations, new HashSet<>());
    }

    private static Airlocked fromStereotypes(Collection<Annotation> annotations, Set<Class<?>> seen) {
        for (Annotation annotation : annotations) {
            Class<? extends Annotation> type = annotation.annotationType();
            if (type.isAnnotationPresent(Stereotype.class) && seen.add(type)) {
                Airlocked carried = type.getAnnotation(Airlocked.class);
                if (carried == null) {
                    carried = fromStereotypes(Arrays.asList(type.getAnnotations()), seen);
                }
                if (carried != null) {
                    return carried;
                }
            }
        }
        return null;
    }

    static String describe(Class<?> beanClass, Method method) {
        return "@Airlocked on " + beanClass.getName() + "." + method.getName()
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    private static ScopeRunner runner(BeanManager beanManager, Airlocked binding, String where) {
        ScopeRunner runner = Airlock.get().scope();
        if (binding.policy() != Policy.class) {
            runner = runner.policy(Components.instance(beanManager, binding.policy(), Policy.class, where + ", policy"));
        }
        if (!binding.executor().isEmpty() && binding.executor().isBlank()) {
            throw new DeploymentException(where + ": executor = \"" + binding.executor() + "\" names no executor. Name one (sync, managed, jms, "
                    + "a @Named executor bean), or leave the member out for the application's default.");
        }
        for (Class<? extends Throwable> both : binding.discardOn()) {
            if (Arrays.asList(binding.dontDiscardOn()).contains(both)) {
                throw new DeploymentException(where + ": " + both.getName() + " is in both discardOn and dontDiscardOn, so neither decides. "
                        + "Keep it in one of them.");
            }
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
