package io.airlock;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The identity of a task method: the type whose instance is resolved as the target, the class that
 * declares the method, its name and its parameter types. This is what lets an intent cross a queue: the
 * receiving side finds the same method from these four facts, without Java serialization.
 *
 * @param targetType the type resolved as the target when the intent is dispatched (the bean type)
 * @param declaringClass the class or interface that declares the method
 * @param methodName the method's name
 * @param parameterTypes the method's parameter types, in order
 */
public record TaskMethod(Class<?> targetType, Class<?> declaringClass, String methodName, List<Class<?>> parameterTypes) {

    /** Methods already looked up: a look-up copies the Method, which costs more than encoding a small message. */
    private static final Map<TaskMethod, Method> METHODS = new ConcurrentHashMap<>();

    public TaskMethod {
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(declaringClass, "declaringClass");
        Objects.requireNonNull(methodName, "methodName");
        parameterTypes = List.copyOf(Objects.requireNonNull(parameterTypes, "parameterTypes"));
    }

    /**
     * From the two classes and the name alone, without walking the parameter types: a task method is the key of
     * the caches an intent is encoded and sent through, looked up once per intent. Equal task methods have equal
     * hashes; overloads share one, and {@link #equals} tells them apart.
     */
    @Override
    public int hashCode() {
        return (targetType.hashCode() * 31 + declaringClass.hashCode()) * 31 + methodName.hashCode();
    }

    /**
     * The reflective method, looked up once per task method: used where an intent is sent or arrives as a
     * message. Intents enqueued from a method reference are called through the reference, not this.
     *
     * @throws UsageException if the declaring class has no such method
     */
    public Method method() {
        Method method = METHODS.get(this);
        if (method == null) {
            try {
                method = declaringClass.getDeclaredMethod(methodName, parameterTypes.toArray(Class<?>[]::new));
            } catch (NoSuchMethodException e) {
                throw new UsageException("No method " + this + " exists; the task's class may have changed since the intent was created.", e);
            }
            METHODS.putIfAbsent(this, method);
        }
        return method;
    }

    /**
     * A task that calls this method reflectively on its target: the form an intent takes when it is
     * rebuilt from a message.
     */
    public Task<Object> asTask() {
        Method method = method();
        method.setAccessible(true);
        return (target, args) -> {
            try {
                method.invoke(target, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                throw (Error) cause;
            }
        };
    }

    @Override
    public String toString() {
        return declaringClass.getName() + "." + methodName
                + parameterTypes.stream().map(Class::getName).collect(Collectors.joining(", ", "(", ")"));
    }
}
