package io.airlock.internal.cdi;

import io.airlock.UsageException;
import io.airlock.spi.TargetResolver;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves task targets from CDI when an intent is dispatched. A {@code @Dependent} target is destroyed
 * after the call; a normal-scoped one is left to its context. Whether a type resolves is checked when its
 * intents are enqueued (once per type when it does), so a wrong task fails where it is written.
 *
 * <p>The bean manager the extension was given is the one of airlock's own jar. On servers that isolate bean
 * archives (Payara/GlassFish), that one cannot see the beans of {@code WEB-INF/classes}: a jar in
 * {@code WEB-INF/lib} does not see the classes of its WAR. So a type it does not know is looked up again in
 * the application's bean manager ({@code java:comp/BeanManager}, else {@code CDI.current()}), once per type.
 */
final class CdiTargetResolver implements TargetResolver {

    private final BeanManager extensionManager;

    /**
     * The bean manager that sees the bean of each type, when it is not the extension's. Only found managers are
     * kept: a look-up from a thread without the application's naming context is tried again next time.
     */
    private final Map<Class<?>, BeanManager> applicationManagers = new ConcurrentHashMap<>();
    /** Whether a private method of the type's bean would be called on a proxy: asked once per type. */
    private final Map<Class<?>, Boolean> proxied = new ConcurrentHashMap<>();
    /**
     * Types known to resolve. Only success is kept: for a type that does not resolve, {@code computeValue}
     * throws, which a {@code ClassValue} does not cache, so the verdict is made again (the bean may be found
     * from a thread where the application's bean manager is reachable) and each enqueue gets an exception
     * of its own, with its own stack trace.
     */
    private final ClassValue<Boolean> resolvable = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            UsageException problem = problemWith(type);
            if (problem != null) {
                throw problem;
            }
            return Boolean.TRUE;
        }
    };

    /**
     * For a normal-scoped target, looked up once per type: an application-scoped one's instance (it lives as
     * long as the application), the client proxy of any other (it reaches the current contextual instance on
     * each call). Null for a {@code @Dependent} (or other pseudo-scoped) target, which gets a new instance per
     * call.
     */
    private final ClassValue<Target<?>> normalScoped = new ClassValue<>() {
        @Override
        protected Target<?> computeValue(Class<?> type) {
            BeanManager beanManager = managerFor(type);
            Bean<?> bean = beanManager.resolve(beanManager.getBeans(type));
            if (bean == null || !beanManager.isNormalScope(bean.getScope())) {
                return null;
            }
            Object instance = DirectReference.of(beanManager, bean, type);
            return () -> instance;
        }
    };

    CdiTargetResolver(BeanManager beanManager) {
        this.extensionManager = beanManager;
    }

    /** The extension's bean manager if it sees a bean of {@code type}, else the application's that does. */
    private BeanManager managerFor(Class<?> type) {
        BeanManager found = applicationManagers.get(type);
        if (found != null || !extensionManager.getBeans(type).isEmpty()) {
            return found != null ? found : extensionManager;
        }
        for (BeanManager candidate : new BeanManager[] {ApplicationBeanManager.jndi(), ApplicationBeanManager.current()}) {
            if (candidate != null && candidate != extensionManager && !candidate.getBeans(type).isEmpty()) {
                applicationManagers.put(type, candidate);
                return candidate;
            }
        }
        return extensionManager;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Target<T> resolve(Class<T> type) {
        check(type);
        Target<?> proxy = normalScoped.get(type);
        if (proxy != null) {
            return (Target<T>) proxy;
        }
        Instance.Handle<T> handle = managerFor(type).createInstance().select(type).getHandle();
        T instance = handle.get();
        return handle.getBean().getScope() == Dependent.class ? released(instance, handle::destroy) : () -> instance;
    }

    /** A target whose release runs {@code release} (a {@code @Dependent} instance is destroyed after the call). */
    private static <T> Target<T> released(T instance, Runnable release) {
        return new Target<>() {
            @Override
            public T instance() {
                return instance;
            }

            @Override
            public void release() {
                release.run();
            }
        };
    }

    @Override
    public void check(Class<?> type) {
        resolvable.get(type);
    }

    @Override
    public void checkPrivateCall(Class<?> type, String method) {
        if (!proxied.computeIfAbsent(type, t -> {
            Resolved r = bean(t);
            return DirectReference.isProxy(r.manager(), r.bean());
        })) {
            return;
        }
        Bean<?> bean = bean(type).bean();
        String kind = DirectReference.sessionBean(bean.getBeanClass()) ? "an EJB session bean"
                : "a @" + bean.getScope().getSimpleName() + " bean" + (bean.getScope() == jakarta.enterprise.context.ApplicationScoped.class
                        ? " with interceptors or decorators" : "");
        throw new UsageException(type.getSimpleName() + "." + method + " is private, and airlock calls " + type.getName() + " (" + kind
                + ") through a proxy, where a private method runs without the bean's state. Make the task method package-private, "
                + "protected or public.");
    }

    /** A bean CDI resolves for a type, with the bean manager that sees it. */
    record Resolved(BeanManager manager, Bean<?> bean) {
    }

    /**
     * The bean {@link #resolve} calls for this type: the one CDI resolves for it.
     *
     * @throws UsageException when no bean or several beans have the type
     */
    Resolved bean(Class<?> type) {
        check(type);
        BeanManager beanManager = managerFor(type);
        return new Resolved(beanManager, beanManager.resolve(beanManager.getBeans(type)));
    }

    /**
     * A target of exactly this bean, as {@link #resolve} gives it: the instance of an application-scoped one (its
     * client proxy when it is intercepted or decorated), the client proxy of another normal-scoped one, a new
     * instance of a {@code @Dependent} one, destroyed on release.
     */
    static <T> Target<T> target(Resolved resolved, Class<T> type) {
        BeanManager beanManager = resolved.manager();
        Bean<?> bean = resolved.bean();
        if (beanManager.isNormalScope(bean.getScope())) {
            T instance = DirectReference.of(beanManager, bean, type);
            return () -> instance;
        }
        CreationalContext<?> context = beanManager.createCreationalContext(bean);
        T instance = type.cast(beanManager.getReference(bean, type, context));
        return bean.getScope() == Dependent.class ? released(instance, context::release) : () -> instance;
    }

    private UsageException problemWith(Class<?> type) {
        BeanManager beanManager = managerFor(type);
        Set<Bean<?>> beans = beanManager.getBeans(type);
        if (beans.isEmpty()) {
            return notResolvable(beanManager, type);
        }
        try {
            beanManager.resolve(beans);
            return null;
        } catch (RuntimeException ambiguous) {
            return new UsageException("Task target " + type.getName() + " resolves to several CDI beans " + beans
                    + "; make one of them the only @Default bean of that type (or an @Alternative), so airlock knows which to call.", ambiguous);
        }
    }

    /**
     * Why no bean resolves for {@code type}, as the fix differs: beans of the type that all carry qualifiers, a bean
     * that has the type only with type arguments, a bean class whose {@code @Typed} leaves it out, or no bean at all.
     */
    private static UsageException notResolvable(BeanManager beanManager, Class<?> type) {
        String target = "Task target " + type.getName();
        Set<Bean<?>> qualified = beanManager.getBeans(type, Any.Literal.INSTANCE);
        if (!qualified.isEmpty()) {
            return new UsageException(target + " has no @Default bean: its beans " + qualified + " all carry qualifiers, and airlock calls the "
                    + "@Default bean of a task's target type. Add @Default to the bean that should run the task (qualifiers may stay beside it), "
                    + "or enqueue a method of that bean's own class.");
        }
        for (Bean<?> bean : beanManager.getBeans(Object.class, Any.Literal.INSTANCE)) {
            for (Type beanType : bean.getTypes()) {
                if (beanType instanceof ParameterizedType p && p.getRawType() == type) {
                    return new UsageException(target + " is generic, and its bean " + bean.getBeanClass().getName() + " has it only as "
                            + p.getTypeName() + ": CDI resolves the raw type " + type.getSimpleName() + " to no bean. Enqueue the method "
                            + "through the bean's class (" + bean.getBeanClass().getSimpleName() + "::...).");
                }
            }
            if (bean.getBeanClass() == type) {
                return new UsageException(target + " is the class of a bean whose types (@Typed) leave it out: " + bean.getTypes()
                        + ". Enqueue the method through one of those types, or add " + type.getSimpleName() + " to @Typed.");
            }
        }
        return new UsageException(target + " is not a CDI bean, so airlock cannot call it when the intent is dispatched. Give it a "
                + "bean-defining annotation (@ApplicationScoped, @Dependent, @Stateless, ...), or enqueue an ad-hoc task.");
    }

    @Override
    public String toString() {
        return "CDI target resolution";
    }
}
