package io.airlock;

import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/**
 * Reads which method a task lambda points to. The reflective look-up runs once per lambda class (one per
 * call site) and is cached in a {@link ClassValue}, so enqueue costs no reflection.
 */
final class TaskIntrospector {

    private static final ClassValue<Slot> CACHE = new ClassValue<>() {
        @Override
        protected Slot computeValue(Class<?> type) {
            return new Slot();
        }
    };

    /** Holds the info of one lambda class; TaskInfo is immutable, so a plain field publishes it safely. */
    private static final class Slot {
        TaskInfo info;
    }

    private TaskIntrospector() {
    }

    static TaskInfo of(Task<?> task) {
        Slot slot = CACHE.get(task.getClass());
        TaskInfo info = slot.info;
        if (info == null) {
            info = introspect(task);
            slot.info = info;
        }
        return info;
    }

    private static TaskInfo introspect(Task<?> task) {
        Class<?> lambdaClass = task.getClass();
        SerializedLambda lambda = serializedForm(task);
        ClassLoader loader = lambdaClass.getClassLoader();
        MethodType instantiated = MethodType.fromMethodDescriptorString(lambda.getInstantiatedMethodType(), loader);
        if (instantiated.parameterCount() == 0) {
            throw new UsageException("Task " + lambdaClass.getName() + " has no target parameter.");
        }
        Class<?> targetType = instantiated.parameterType(0);
        String implName = lambda.getImplMethodName();
        int kind = lambda.getImplMethodKind();
        boolean methodReference = !implName.startsWith("lambda$") && lambda.getCapturedArgCount() == 0
                && (kind == MethodHandleInfo.REF_invokeVirtual || kind == MethodHandleInfo.REF_invokeInterface);
        if (!methodReference) {
            // A lambda or a bound reference: it runs in-process, but has no method another JVM could find.
            return new TaskInfo(lambdaName(implName), targetType, null);
        }
        try {
            Class<?> declaring = Class.forName(lambda.getImplClass().replace('/', '.'), false, loader);
            MethodType signature = MethodType.fromMethodDescriptorString(lambda.getImplMethodSignature(), loader);
            TaskMethod method = new TaskMethod(targetType, declaring, implName, signature.parameterList());
            return new TaskInfo(implName, targetType, method);
        } catch (ClassNotFoundException e) {
            throw new UsageException("Cannot load the class of task method " + lambda.getImplClass() + "." + implName, e);
        }
    }

    /**
     * The name of a lambda's body, readable: {@code checkout$lambda0} for the first lambda in {@code checkout}.
     * javac names the body of a serializable lambda (every task is one) {@code lambda$checkout$5f3a2c1$0}
     * (enclosing method, a hash of the lambda, its index) and other lambdas {@code lambda$checkout$0};
     * the enclosing method may itself contain {@code $}; Eclipse's compiler names them {@code lambda$0}.
     */
    static String lambdaName(String implName) {
        if (!implName.startsWith("lambda$")) {
            return implName;
        }
        String[] parts = implName.substring("lambda$".length()).split("\\$", -1);
        int last = parts.length - 1;
        if (!isNumber(parts[last])) {
            return implName;
        }
        if (last == 0) {
            return "lambda" + parts[0];
        }
        int methodEnd = last >= 2 && isHash(parts[last - 1]) ? last - 1 : last;
        String method = String.join("$", java.util.Arrays.asList(parts).subList(0, methodEnd));
        return method.isEmpty() ? "lambda" + parts[last] : method + "$lambda" + parts[last];
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    /** javac's hash of a serializable lambda: {@code Integer.toHexString} of an int. */
    private static boolean isHash(String s) {
        return !s.isEmpty() && s.length() <= 8 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 && !Character.isUpperCase(c));
    }

    private static SerializedLambda serializedForm(Task<?> task) {
        Class<?> lambdaClass = task.getClass();
        try {
            Method writeReplace = lambdaClass.getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return (SerializedLambda) writeReplace.invoke(task);
        } catch (ReflectiveOperationException | ClassCastException | SecurityException e) {
            throw new UsageException("Task " + lambdaClass.getName() + " is not a lambda or method reference. "
                    + "Pass a method reference such as Mailer::send, or enqueue an ad-hoc task with a name.", e);
        }
    }
}
