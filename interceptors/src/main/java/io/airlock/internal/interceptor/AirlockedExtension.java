package io.airlock.internal.interceptor;

import io.airlock.Airlocked;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.interceptor.Interceptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Registers the {@code @Airlocked} interceptor (so the jar works in any bean-discovery mode), and reads and
 * validates every {@code @Airlocked} method at deployment: an invalid policy or executor fails the
 * deployment with a message naming the method.
 */
public class AirlockedExtension implements Extension {

    /** Each bean class's {@code @Airlocked} methods (inherited ones included) with their bindings, until validated. */
    private final Map<AirlockedMethods.Key, Airlocked> bindings = new LinkedHashMap<>();

    void registerInterceptor(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
        event.addAnnotatedType(beanManager.createAnnotatedType(AirlockedInterceptor.class), AirlockedInterceptor.class.getName());
    }

    <T> void collect(@Observes @WithAnnotations(Airlocked.class) ProcessAnnotatedType<T> event) {
        AnnotatedType<T> type = event.getAnnotatedType();
        if (type.isAnnotationPresent(Interceptor.class)) {
            return;
        }
        Airlocked onClass = type.getAnnotation(Airlocked.class);
        if (onClass == null) {
            onClass = AirlockedMethods.fromStereotypes(type.getAnnotations());
        }
        for (AnnotatedMethod<? super T> method : type.getMethods()) {
            Method javaMethod = method.getJavaMember();
            int modifiers = javaMethod.getModifiers();
            if (Modifier.isStatic(modifiers) || Modifier.isPrivate(modifiers) || javaMethod.getDeclaringClass() == Object.class) {
                continue;
            }
            Airlocked binding = method.getAnnotation(Airlocked.class);
            if (binding == null) {
                binding = onClass;
            }
            if (binding != null) {
                // by bean class too: two beans inheriting one method may carry different class-level bindings
                bindings.put(new AirlockedMethods.Key(type.getJavaClass(), javaMethod), binding);
            }
        }
    }

    void validate(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        AirlockedMethods.clear();
        bindings.forEach((key, binding) -> {
            try {
                AirlockedMethods.prepare(beanManager, key, binding);
            } catch (DeploymentException e) {
                event.addDeploymentProblem(e);
            }
        });
        bindings.clear();
    }
}
