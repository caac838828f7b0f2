package io.airlock.internal.jms;

import io.airlock.AirlockTask;
import io.airlock.TaskMethod;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The methods the application declared as tasks ({@link AirlockTask}), collected at deployment and keyed by
 * the names a message carries. A message is matched against these names only: no class named by a message
 * is ever loaded.
 */
public final class TaskRegistry {

    private final Map<String, TaskMethod> tasks = new ConcurrentHashMap<>();

    /** Registers the declared tasks of a bean class: its annotated methods, or all its public methods when the class is annotated. */
    public void register(Class<?> beanClass, Collection<Method> methods) {
        boolean wholeClass = beanClass.isAnnotationPresent(AirlockTask.class);
        for (Method m : methods) {
            if (Modifier.isStatic(m.getModifiers()) || m.isSynthetic() || m.isBridge()) {
                continue;
            }
            boolean declared = m.isAnnotationPresent(AirlockTask.class)
                    || wholeClass && m.getDeclaringClass() == beanClass && Modifier.isPublic(m.getModifiers());
            if (declared) {
                register(beanClass, m);
            }
        }
    }

    /**
     * Registers one task method, reachable through the bean class and every supertype that declares the
     * same method (a method reference may name any of them).
     */
    public void register(Class<?> beanClass, Method method) {
        List<Class<?>> params = List.of(method.getParameterTypes());
        Set<Class<?>> declaring = new LinkedHashSet<>();
        Set<Class<?>> hierarchy = hierarchy(beanClass);
        for (Class<?> type : hierarchy) {
            if (declares(type, method.getName(), params)) {
                declaring.add(type);
            }
        }
        for (Class<?> target : hierarchy) {
            if (target != beanClass && !declaring.contains(target)) {
                continue;
            }
            for (Class<?> declaringClass : declaring) {
                if (declaringClass.isAssignableFrom(target)) {
                    TaskMethod task = new TaskMethod(target, declaringClass, method.getName(), params);
                    tasks.put(key(target.getName(), declaringClass.getName(), method.getName(),
                            params.stream().map(Class::getName).toList()), task);
                }
            }
        }
    }

    /** The declared task these names stand for, compared as strings; empty when the application declared no such task. */
    public Optional<TaskMethod> find(String targetType, String declaringClass, String methodName, List<String> parameterTypes) {
        return Optional.ofNullable(tasks.get(key(targetType, declaringClass, methodName, parameterTypes)));
    }

    /** Whether this exact method is a declared task. */
    public boolean contains(TaskMethod method) {
        return tasks.containsKey(key(method.targetType().getName(), method.declaringClass().getName(), method.methodName(),
                method.parameterTypes().stream().map(Class::getName).toList()));
    }

    public int size() {
        return tasks.size();
    }

    /** The declared tasks, for messages that list them. */
    public List<String> describe() {
        List<String> all = new ArrayList<>();
        for (TaskMethod m : tasks.values()) {
            all.add(m.targetType().getName() + "::" + m.methodName()
                    + m.parameterTypes().stream().map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")")));
        }
        all.sort(null);
        return all;
    }

    /**
     * Whether a method is declared as a task by its annotations (on the method, or on its class for a public
     * method the class declares): the check a sender can make without the registry.
     */
    public static boolean isDeclaredTask(TaskMethod task) {
        return DECLARED.computeIfAbsent(task, TaskRegistry::declared);
    }

    /** Whether each task method sent so far is declared: read from annotations once per method. */
    private static final java.util.Map<TaskMethod, Boolean> DECLARED = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean declared(TaskMethod task) {
        Method m;
        try {
            m = task.method();
        } catch (RuntimeException e) {
            return false;
        }
        if (m.isAnnotationPresent(AirlockTask.class)) {
            return true;
        }
        if (Modifier.isPublic(m.getModifiers()) && m.getDeclaringClass().isAnnotationPresent(AirlockTask.class)) {
            return true;
        }
        // annotated on an overriding method of the target type
        try {
            Method onTarget = task.targetType().getMethod(task.methodName(), task.parameterTypes().toArray(Class<?>[]::new));
            return onTarget.isAnnotationPresent(AirlockTask.class)
                    || onTarget.getDeclaringClass() == task.targetType() && task.targetType().isAnnotationPresent(AirlockTask.class);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static String key(String targetType, String declaringClass, String methodName, List<String> parameterTypes) {
        return targetType + '|' + declaringClass + '|' + methodName + '|' + String.join(",", parameterTypes);
    }

    private static boolean declares(Class<?> type, String name, List<Class<?>> params) {
        try {
            type.getDeclaredMethod(name, params.toArray(Class<?>[]::new));
            return true;
        } catch (NoSuchMethodException | SecurityException e) {
            return false;
        }
    }

    private static Set<Class<?>> hierarchy(Class<?> type) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type);
        Set<Class<?>> visited = new HashSet<>();
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (c == null || c == Object.class || !visited.add(c)) {
                continue;
            }
            seen.add(c);
            todo.add(c.getSuperclass());
            todo.addAll(List.of(c.getInterfaces()));
        }
        return seen;
    }
}
