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
 * validates every {@code @Airlocked} method at deployment: an invalid policy or executor, or {@code @Airlocked} on a
 * method CDI never intercepts (private, static, abstract), fails the deployment with a message naming the method.
 */
public class AirlockedExtension implements Extension {

    /** Each bean class's {@code @Airlocked} methods (inherited ones included) with their bindings, until validated. */
    private final Map<AirlockedMethods.Key, Airlocked> bindings = new LinkedHashMap<>();
    /** {@code @Airlocked} where CDI never intercepts, by method, reported when the deployment is validated. */
    private final Map<Method, DeploymentException> problems = new LinkedHashMap<>();

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
            String never = neverIntercepted(javaMethod, modifiers);
            if (never != null) {
                if (method.isAnnotationPresent(Airlocked.class) && javaMethod.getDeclaringClass() == type.getJavaClass()) {
                    problems.put(javaMethod, new DeploymentException(AirlockedMethods.describe(type.getJavaClass(), javaMethod) + " opens no scope: "
                            + never));
                }
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

    /** Whether {@code method} implements or overrides {@code abstractMethod}: same name and parameters, in a subtype. */
    private static boolean implementsIt(Method method, Method abstractMethod) {
        return method != abstractMethod && method.getName().equals(abstractMethod.getName())
                && java.util.Arrays.equals(method.getParameterTypes(), abstractMethod.getParameterTypes())
                && abstractMethod.getDeclaringClass().isAssignableFrom(method.getDeclaringClass());
    }

    /** EJB timeout callbacks ({@code @Schedule}, {@code @Timeout}): the container calls them itself, private ones too, through {@code @AroundTimeout}. */
    private static boolean timeoutCallback(Method method) {
        for (java.lang.annotation.Annotation annotation : method.getAnnotations()) {
            String name = annotation.annotationType().getName();
            if (name.equals("jakarta.ejb.Schedule") || name.equals("jakarta.ejb.Schedules") || name.equals("jakarta.ejb.Timeout")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why CDI never runs an interceptor around calls of {@code method}, or {@code null} if it can: a private or static
     * method is not called through the bean's reference, and an abstract one (an interface's, say) is replaced by an
     * implementation that does not inherit its annotations.
     */
    private static String neverIntercepted(Method method, int modifiers) {
        if (method.getDeclaringClass() == Object.class) {
            return "Object's methods are not business methods";
        }
        if (Modifier.isPrivate(modifiers) && !Modifier.isStatic(modifiers) && timeoutCallback(method)) {
            return null; // but a private one is no business method: the binding is read for it like any other below
        }
        if (Modifier.isPrivate(modifiers) || Modifier.isStatic(modifiers)) {
            return "CDI intercepts only business methods called through the bean's reference, never a " + (Modifier.isStatic(modifiers) ? "static" : "private")
                    + " method. Make it neither private nor static and call it on an injected reference, or put @Airlocked on the public method that calls it.";
        }
        if (Modifier.isAbstract(modifiers)) {
            return "an implementing or overriding method does not inherit the annotations of the abstract method it implements, so no call "
                    + "is intercepted. Put @Airlocked on the implementing method or on the bean class.";
        }
        return null;
    }

    void validate(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        problems.forEach((method, problem) -> {
            // an abstract method whose implementation carries its own binding (the contract annotated as documentation) is no mistake
            if (!Modifier.isAbstract(method.getModifiers()) || bindings.keySet().stream().noneMatch(key -> implementsIt(key.method(), method))) {
                event.addDeploymentProblem(problem);
            }
        });
        problems.clear();
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
