package io.airlock.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * A bean's instance for airlock's own hot paths: for an {@code @ApplicationScoped} bean, the contextual
 * instance itself, not its client proxy. A client proxy finds the instance again on every call (Weld's also
 * pushes and pops an interception context around it), while an application-scoped instance lives as long as
 * the application. Interceptors and decorators still apply: they belong to the instance, not to the proxy.
 * Beans of other scopes get the usual reference.
 */
final class DirectReference {

    private DirectReference() {
    }

    static <T> T of(BeanManager beanManager, Bean<?> bean, Class<T> type) {
        if (bean.getScope() == ApplicationScoped.class) {
            return type.cast(contextualInstance(beanManager, bean));
        }
        return type.cast(beanManager.getReference(bean, type, beanManager.createCreationalContext(bean)));
    }

    private static <X> X contextualInstance(BeanManager beanManager, Bean<X> bean) {
        return beanManager.getContext(ApplicationScoped.class).get(bean, beanManager.createCreationalContext(bean));
    }
}
