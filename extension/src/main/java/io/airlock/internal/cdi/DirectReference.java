package io.airlock.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * A bean's instance for airlock's own hot paths (the transaction registry on every enqueue, a task's target
 * on every dispatch): for an {@code @ApplicationScoped} bean without interceptors or decorators, the
 * contextual instance itself, not its client proxy. A client proxy finds the instance again on every call
 * (Weld's also pushes and pops an interception context around it), while an application-scoped instance
 * lives as long as the application.
 *
 * <p>Any other bean gets the usual reference. In particular an intercepted or decorated one keeps its
 * proxy: Weld treats a call on the bare instance made while that same bean's interception is under way (a
 * task of {@code OrderService} dispatched when {@code OrderService}'s own {@code @Airlocked} method ends)
 * as a self-invocation and skips the interceptors, where the proxy starts a new interception.
 */
final class DirectReference {

    private DirectReference() {
    }

    /** Looked up lazily by the callers: creating the instance here runs its {@code @PostConstruct}. */
    static <T> T of(BeanManager beanManager, Bean<?> bean, Class<T> type) {
        Object instance = bare(beanManager, bean);
        return type.cast(instance != null ? instance : beanManager.getReference(bean, type, beanManager.createCreationalContext(bean)));
    }

    /**
     * Whether {@link #of} gives a proxy: an EJB session bean, or a normal-scoped bean other than an application-scoped
     * one without interceptors or decorators. A private method called on a proxy runs on the proxy itself, without the bean's state.
     */
    static boolean isProxy(BeanManager beanManager, Bean<?> bean) {
        return sessionBean(bean.getBeanClass()) || beanManager.isNormalScope(bean.getScope()) && bare(beanManager, bean) == null;
    }

    /** An EJB session bean: its reference, whatever its scope, is the EJB container's proxy. Read by name: the EJB API is optional. */
    static boolean sessionBean(Class<?> beanClass) {
        for (java.lang.annotation.Annotation annotation : beanClass.getAnnotations()) {
            String name = annotation.annotationType().getName();
            if (name.equals("jakarta.ejb.Stateless") || name.equals("jakarta.ejb.Stateful") || name.equals("jakarta.ejb.Singleton")) {
                return true;
            }
        }
        return false;
    }

    /** The application-scoped instance {@link #of} calls directly, or null where it takes the usual reference. */
    private static Object bare(BeanManager beanManager, Bean<?> bean) {
        if (bean.getScope() != ApplicationScoped.class) {
            return null;
        }
        Object instance = contextualInstance(beanManager, bean);
        Class<?> beanClass = bean.getBeanClass();
        boolean generatedSubclass = instance.getClass() != beanClass && beanClass.isAssignableFrom(instance.getClass());
        return generatedSubclass ? null : instance; // a plain managed bean, or what a producer returned: nothing to intercept
    }

    private static <X> X contextualInstance(BeanManager beanManager, Bean<X> bean) {
        return beanManager.getContext(ApplicationScoped.class).get(bean, beanManager.createCreationalContext(bean));
    }
}
