package io.airlock.internal.jms;

import io.airlock.AirlockTask;
import io.airlock.TaskMethod;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The names a message may carry, collected at deployment from the managed beans whose classes declare tasks
 * ({@link AirlockTask}, see {@link TaskRule}): each maps to the classes it stands for, so that a message is
 * matched against these names only and no class named by a message is ever loaded.
 *
 * <p>A name being here is necessary, not sufficient: the receiver still checks, on the bean CDI resolves for the
 * target type when the message arrives, that the method which would run there is a declared task
 * ({@code io.airlock.internal.cdi.TaskTargets}).
 */
public final class TaskRegistry {

    private final Map<Key, TaskMethod> tasks = new ConcurrentHashMap<>();
    private final Set<Class<?>> taskClasses = ConcurrentHashMap.newKeySet();

    /**
     * Registers the tasks a managed bean of this class runs: for each method signature of its class hierarchy whose
     * call on the bean class selects a declared task (its own method, an inherited one or an interface default),
     * the names a message can give it: every bean type that has the method as target type, with every class or
     * interface that declares a method of that signature as declaring class.
     *
     * @param beanTypes the bean's types (its {@code @Typed} ones, for example): only they can be named as target type
     * @return whether the class runs any task
     */
    public boolean registerBean(Class<?> beanClass, Collection<Class<?>> beanTypes) {
        return register(beanClass, beanTypes, m -> true);
    }

    /**
     * Registers those of these methods that are tasks a bean of this class runs ({@link TaskRule}), with every
     * type of the class's hierarchy as target type.
     */
    public void register(Class<?> beanClass, Collection<Method> methods) {
        Set<List<Object>> signatures = new HashSet<>();
        for (Method m : methods) {
            signatures.add(signature(m));
        }
        register(beanClass, TaskRule.hierarchy(beanClass), m -> signatures.contains(signature(m)));
    }

    private boolean register(Class<?> beanClass, Collection<Class<?>> beanTypes, Predicate<Method> wanted) {
        Set<Class<?>> hierarchy = TaskRule.hierarchy(beanClass);
        List<Class<?>> targets = new ArrayList<>();
        for (Class<?> type : beanTypes) {
            if (hierarchy.contains(type)) {
                targets.add(type);
            }
        }
        boolean any = false;
        for (Class<?> declaring : hierarchy) {
            Set<List<Object>> seen = new HashSet<>();
            for (Method m : declaring.getDeclaredMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || !seen.add(signature(m))) {
                    continue;
                }
                Method declared;
                try {
                    // what TaskMethod.method() finds for these names: the declaration a message's call goes through
                    declared = declaring.getDeclaredMethod(m.getName(), m.getParameterTypes());
                } catch (NoSuchMethodException | SecurityException e) {
                    continue;
                }
                Method runs = TaskRule.selected(beanClass, declared);
                if (runs == null || TaskRule.whyNot(runs) != null || !wanted.test(runs)) {
                    continue;
                }
                any = true;
                List<Class<?>> params = List.of(declared.getParameterTypes());
                List<String> paramNames = params.stream().map(Class::getName).toList();
                for (Class<?> target : targets) {
                    if (declaring.isAssignableFrom(target)) {
                        tasks.put(key(target.getName(), declaring.getName(), declared.getName(), paramNames),
                                new TaskMethod(target, declaring, declared.getName(), params));
                    }
                }
            }
        }
        if (any) {
            taskClasses.add(beanClass);
        }
        return any;
    }

    private static List<Object> signature(Method m) {
        return List.of(m.getName(), Arrays.asList(m.getParameterTypes()));
    }

    /** Whether a bean of this class was registered as running tasks. */
    public boolean isTaskClass(Class<?> beanClass) {
        return taskClasses.contains(beanClass);
    }

    /** The task method these names stand for, compared as strings; empty when no task bean can be called by these names. */
    public Optional<TaskMethod> find(String targetType, String declaringClass, String methodName, List<String> parameterTypes) {
        return Optional.ofNullable(tasks.get(key(targetType, declaringClass, methodName, parameterTypes)));
    }

    /** Whether these exact names are registered. */
    public boolean contains(TaskMethod method) {
        return tasks.containsKey(key(method.targetType().getName(), method.declaringClass().getName(), method.methodName(),
                method.parameterTypes().stream().map(Class::getName).toList()));
    }

    public int size() {
        return tasks.size();
    }

    /** The registered names, for messages that list them. */
    public List<String> describe() {
        Set<String> all = new LinkedHashSet<>();
        for (TaskMethod m : tasks.values()) {
            all.add(m.targetType().getName() + "::" + m.methodName()
                    + m.parameterTypes().stream().map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")")));
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(null);
        return sorted;
    }

    // ------------------------------------------------------------------ the sender's check

    /** The deployment's own check (CDI resolves the bean), installed by the CDI extension while the application runs. */
    private static volatile Function<TaskMethod, String> deployment;

    /** Installs the deployment's check of tasks about to be sent (the CDI extension does, once deployed). */
    public static void deployed(Function<TaskMethod, String> check) {
        deployment = check;
    }

    /** Removes the deployment's check, if it is still this one. */
    public static synchronized void undeployed(Function<TaskMethod, String> check) {
        if (deployment == check) {
            deployment = null;
        }
    }

    /**
     * Why a receiver would refuse to run this task method, so that a sender refuses it first; null when it would
     * run it. In a CDI deployment it is the receiver's own check, on the bean CDI resolves for the target type.
     * Without one, the target type is taken as the class that runs the method (what a plain-Java target resolver
     * creates); an interface or abstract target type cannot be judged there and is refused.
     */
    public static String whyNotSendable(TaskMethod task) {
        Function<TaskMethod, String> check = deployment;
        if (check != null) {
            return check.apply(task);
        }
        return PLAIN.computeIfAbsent(task, TaskRegistry::plain).orElse(null);
    }

    /** Verdicts outside a CDI deployment: they depend on the classes only, so they are read once per method. */
    private static final Map<TaskMethod, Optional<String>> PLAIN = new ConcurrentHashMap<>();

    private static Optional<String> plain(TaskMethod task) {
        Class<?> target = task.targetType();
        if (target.isInterface() || Modifier.isAbstract(target.getModifiers())) {
            return Optional.of("its target type " + target.getName() + " is " + (target.isInterface() ? "an interface" : "abstract")
                    + ", and outside a CDI deployment no bean class is known to judge the method that would run");
        }
        return Optional.ofNullable(TaskRule.whyNot(target, task));
    }

    /**
     * A declared task as a message names it, part by part: no joined text, so no name a message carries (a parameter
     * type {@code "java.lang.Long,java.lang.String"}, a separator inside a class name) can stand for another task.
     */
    private record Key(String targetType, String declaringClass, String methodName, List<String> parameterTypes) {
    }

    private static Key key(String targetType, String declaringClass, String methodName, List<String> parameterTypes) {
        return new Key(targetType, declaringClass, methodName, new ArrayList<>(parameterTypes)); // a copy; a null name matches none
    }
}
