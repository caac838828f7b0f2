package io.airlock.internal.jms;

import io.airlock.AirlockTask;
import io.airlock.TaskMethod;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rule that decides whether a message may run a method: <b>the method that runs on the bean must itself be
 * declared a task</b>.
 *
 * <p>A message names a target type, the class that declares the method, and the method. What actually runs is
 * not that declaration but the method the JVM selects for it on the bean's class: the bean class's own
 * override, an implementation it inherits from a superclass, or an interface's default method. That selected
 * method is a task when
 * <ul>
 *   <li>it is annotated {@link AirlockTask} itself, or it is public and the class (or interface) that declares
 *       it is annotated {@link AirlockTask}; an override does not inherit the annotation of the method it
 *       overrides, and an annotation on an abstract or interface method declares nothing;</li>
 *   <li>and it is an instance method with a body, not private, not a compiler-generated bridge or synthetic
 *       method, and not one of {@link Object}'s methods or an override of one ({@code toString},
 *       {@code hashCode}, {@code equals}, {@code clone}, {@code finalize}; {@code wait}, {@code notify},
 *       {@code getClass} are final).</li>
 * </ul>
 * This class is the rule only, on classes; which bean runs a message (a managed bean resolved by CDI for the
 * target type) is decided by the receiver ({@code io.airlock.internal.cdi.TaskTargets}).
 */
public final class TaskRule {

    /** Classes that mention {@link AirlockTask} on themselves or on a method they declare. */
    private static final ClassValue<Boolean> MENTIONS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            if (type.isAnnotationPresent(AirlockTask.class)) {
                return true;
            }
            for (Method m : type.getDeclaredMethods()) {
                if (m.isAnnotationPresent(AirlockTask.class)) {
                    return true;
                }
            }
            return false;
        }
    };

    private TaskRule() {
    }

    /** Whether the class, a superclass or an interface it implements mentions {@link AirlockTask} anywhere. */
    public static boolean mentionsTasks(Class<?> beanClass) {
        for (Class<?> type : hierarchy(beanClass)) {
            if (MENTIONS.get(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why a call of this task method on an instance of {@code beanClass} would not run a declared task;
     * null when it would.
     */
    public static String whyNot(Class<?> beanClass, TaskMethod task) {
        Method declared;
        try {
            declared = task.method();
        } catch (RuntimeException noSuchMethod) {
            return "no method " + task + " exists";
        }
        if (!task.targetType().isAssignableFrom(beanClass)) {
            return beanClass.getName() + " is not a " + task.targetType().getName();
        }
        Method runs = selected(beanClass, declared);
        if (runs == null) {
            return "on " + beanClass.getName() + ", a call of " + describe(declared) + " selects no single method";
        }
        String why = whyNot(runs);
        if (why == null) {
            return null;
        }
        return "on " + beanClass.getName() + ", " + (runs.equals(declared) ? "" : describe(declared) + " runs ") + describe(runs) + ", which "
                + why;
    }

    /** Why the method, as the one that runs, is not a declared task; null when it is one. */
    public static String whyNot(Method runs) {
        int modifiers = runs.getModifiers();
        if (Modifier.isStatic(modifiers)) {
            return "is static";
        }
        if (runs.isBridge() || runs.isSynthetic()) {
            return "is a bridge method the compiler generated";
        }
        if (Modifier.isAbstract(modifiers)) {
            return "is abstract";
        }
        if (Modifier.isPrivate(modifiers)) {
            return "is private";
        }
        if (isObjectMethod(runs)) {
            return "is a method of java.lang.Object, never a task";
        }
        if (runs.isAnnotationPresent(AirlockTask.class)) {
            return null;
        }
        if (Modifier.isPublic(modifiers) && runs.getDeclaringClass().isAnnotationPresent(AirlockTask.class)) {
            return null;
        }
        return "is not declared with @AirlockTask (neither the method itself"
                + (Modifier.isPublic(modifiers) ? " nor its class " + runs.getDeclaringClass().getName() : ", and it is not public")
                + (runs.getDeclaringClass().isInterface() ? "" : "; an override does not inherit the annotation of the method it overrides")
                + ")";
    }

    /**
     * Why an {@link AirlockTask} annotation on this method can never declare a task (abstract, static, private,
     * one of {@link Object}'s methods); null when it can. Bridge methods, which carry their method's annotations,
     * are not reported.
     */
    public static String ineffective(Method annotated) {
        int modifiers = annotated.getModifiers();
        if (annotated.isBridge() || annotated.isSynthetic()) {
            return null;
        }
        if (Modifier.isAbstract(modifiers)) {
            return "it is abstract; annotate the method that implements it in the bean class";
        }
        if (Modifier.isStatic(modifiers)) {
            return "it is static";
        }
        if (Modifier.isPrivate(modifiers)) {
            return "it is private";
        }
        if (isObjectMethod(annotated)) {
            return "it is a method of java.lang.Object";
        }
        return null;
    }

    /**
     * The method that runs when {@code declared} is called on an instance of {@code runtimeClass}, selected as
     * the JVM selects it (JVMS 5.4.6): a private method itself; else the lowest override in the class chain
     * (an override of a package-private method only counts from the same run-time package); else the one
     * default method among the maximally specific interface methods. Null when {@code runtimeClass} is not a
     * subtype of the declaring class, when the method is static, or when no single method would be selected.
     */
    public static Method selected(Class<?> runtimeClass, Method declared) {
        Class<?> declaring = declared.getDeclaringClass();
        if (!declaring.isAssignableFrom(runtimeClass) || Modifier.isStatic(declared.getModifiers())) {
            return null;
        }
        if (Modifier.isPrivate(declared.getModifiers())) {
            return declared;
        }
        if (!declaring.isInterface()) {
            List<Class<?>> below = new ArrayList<>();
            for (Class<?> c = runtimeClass; c != declaring; c = c.getSuperclass()) {
                below.add(c);
            }
            List<Method> overriders = new ArrayList<>(List.of(declared));
            Method selected = declared;
            for (int i = below.size() - 1; i >= 0; i--) {
                Method m = sameDescriptor(below.get(i), declared);
                if (m == null || isVisibilityBridge(m)) {
                    continue;
                }
                if (Modifier.isStatic(m.getModifiers())) {
                    return null;
                }
                if (overriders.stream().anyMatch(o -> canOverride(m, o))) {
                    overriders.add(m);
                    selected = m;
                }
            }
            return Modifier.isAbstract(selected.getModifiers()) ? null : selected;
        }
        for (Class<?> c = runtimeClass; c != null; c = c.getSuperclass()) {
            Method m = sameDescriptor(c, declared);
            if (m != null) {
                return Modifier.isStatic(m.getModifiers()) || Modifier.isAbstract(m.getModifiers()) ? null : m;
            }
        }
        List<Method> candidates = new ArrayList<>();
        for (Class<?> type : hierarchy(runtimeClass)) {
            if (type.isInterface()) {
                Method m = sameDescriptor(type, declared);
                if (m != null && !Modifier.isStatic(m.getModifiers())) {
                    candidates.add(m);
                }
            }
        }
        List<Method> defaults = new ArrayList<>();
        for (Method m : candidates) {
            boolean maximal = candidates.stream().noneMatch(o -> o != m && o.getDeclaringClass() != m.getDeclaringClass()
                    && m.getDeclaringClass().isAssignableFrom(o.getDeclaringClass()));
            if (maximal && !Modifier.isAbstract(m.getModifiers())) {
                defaults.add(m);
            }
        }
        return defaults.size() == 1 ? defaults.get(0) : null;
    }

    /**
     * Whether a method is the bridge javac adds to a public class for a public method it inherits from a non-public
     * one (so that reflection and other packages can call it): it only calls the inherited method, with the same
     * descriptor, so the inherited method is the one that runs. A generic method's bridge is told apart by the method
     * it forwards to, declared beside it with the same name and number of parameters.
     */
    static boolean isVisibilityBridge(Method m) {
        if (!m.isBridge()) {
            return false;
        }
        for (Method other : m.getDeclaringClass().getDeclaredMethods()) {
            if (other != m && !other.isBridge() && other.getName().equals(m.getName()) && other.getParameterCount() == m.getParameterCount()) {
                return false;
            }
        }
        return true;
    }

    /** The type itself, its superclasses up to (without) {@link Object}, and every interface any of them implements. */
    public static Set<Class<?>> hierarchy(Class<?> type) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (c == Object.class || !seen.add(c)) {
                continue;
            }
            Class<?> superclass = c.getSuperclass(); // null for an interface
            if (superclass != null) {
                todo.add(superclass);
            }
            todo.addAll(Arrays.asList(c.getInterfaces()));
        }
        return seen;
    }

    /** Whether a method has the name and parameter types of a method {@link Object} declares. */
    public static boolean isObjectMethod(Method m) {
        for (Method o : Object.class.getDeclaredMethods()) {
            if (o.getName().equals(m.getName()) && Arrays.equals(o.getParameterTypes(), m.getParameterTypes())) {
                return true;
            }
        }
        return false;
    }

    static String describe(Method m) {
        StringBuilder sb = new StringBuilder(m.getDeclaringClass().getName()).append('.').append(m.getName()).append('(');
        Class<?>[] params = m.getParameterTypes();
        for (int i = 0; i < params.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(params[i].getName());
        }
        return sb.append(')').toString();
    }

    /** The non-private method the type declares with the same name, parameter types and return type; null if none. */
    private static Method sameDescriptor(Class<?> type, Method declared) {
        for (Method m : type.getDeclaredMethods()) {
            if (!Modifier.isPrivate(m.getModifiers()) && m.getName().equals(declared.getName()) && m.getReturnType() == declared.getReturnType()
                    && Arrays.equals(m.getParameterTypes(), declared.getParameterTypes())) {
                return m;
            }
        }
        return null;
    }

    /** JVMS 5.4.5, one step: {@code overrider} can override {@code overridden}, both of the same descriptor. */
    private static boolean canOverride(Method overrider, Method overridden) {
        int modifiers = overridden.getModifiers();
        if (Modifier.isPrivate(overrider.getModifiers()) || Modifier.isPrivate(modifiers)) {
            return false;
        }
        if (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)) {
            return true;
        }
        Class<?> a = overrider.getDeclaringClass();
        Class<?> b = overridden.getDeclaringClass();
        return a.getPackageName().equals(b.getPackageName()) && Objects.equals(a.getClassLoader(), b.getClassLoader());
    }
}
