package io.airlock;

import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * Reads which method a task lambda points to. The reflective look-up runs once per lambda class (one per
 * call site) and is cached in a {@link ClassValue}, so enqueue costs no reflection. Where javac compiled a method
 * reference into a synthetic {@code lambda$} method, that method's class file is read too, once per call site
 * ({@link ForwardingBody}, see {@link #bridged}).
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
        if (kind == MethodHandleInfo.REF_newInvokeSpecial) {
            String name = "new " + simpleName(lambda.getImplClass());
            return new TaskInfo(name, targetType, null, "it is a constructor reference, which calls no method of a bean", false);
        }
        if (implName.startsWith("lambda$")) {
            return bridged(lambda, loader, targetType, implName, kind);
        }
        boolean methodReference = lambda.getCapturedArgCount() == 0
                && (kind == MethodHandleInfo.REF_invokeVirtual || kind == MethodHandleInfo.REF_invokeInterface);
        boolean privateMethod = lambda.getCapturedArgCount() == 0 && kind != MethodHandleInfo.REF_invokeStatic && isPrivate(lambda, loader);
        if (!methodReference) {
            // A bound or static reference: it runs in-process, but has no method another JVM could find.
            return new TaskInfo(implName, targetType, null, lambda.getCapturedArgCount() > 0
                    ? "it is a bound method reference (receiver::method), whose receiver cannot travel"
                    : kind == MethodHandleInfo.REF_invokeStatic ? "it is a reference to a static method, which no bean runs"
                    : "it is a method reference another process could not call", false, privateMethod);
        }
        try {
            Class<?> declaring = Class.forName(lambda.getImplClass().replace('/', '.'), false, loader);
            MethodType signature = MethodType.fromMethodDescriptorString(lambda.getImplMethodSignature(), loader);
            TaskMethod method = new TaskMethod(targetType, declaring, implName, signature.parameterList());
            return privateMethod ? new TaskInfo(implName, targetType, method, null, false, true) : new TaskInfo(implName, targetType, method);
        } catch (ClassNotFoundException e) {
            throw new UsageException("Cannot load the class of task method " + lambda.getImplClass() + "." + implName, e);
        }
    }

    /**
     * A task whose body is a synthetic {@code lambda$} method: a lambda, or a method reference javac compiled into
     * one. javac does so when a method handle cannot point at the method itself: a varargs method called with its
     * arguments spread ({@code enqueue(Mailer::send, "a", "b")} for {@code send(String... to)}), a public method
     * inherited from a package-private class of another package, a protected method inherited from a superclass in
     * another package, {@code super::m}, a receiver of intersection type, an array's method. The body is read
     * ({@link ForwardingBody}, once per call site, as the rest of this class's work): when it only forwards its
     * parameters to one method, the task is that method reference.
     * <ul>
     *   <li>Its name is the method's name, whatever the shape, so that a policy naming the method ({@code BlockTasks("send")})
     *       matches it.</li>
     *   <li>When each parameter is one argument of an instance method, in order (the inherited and protected
     *       cases), the intent carries the method's identity, as for any method reference: the declaring class is
     *       the class or interface that declares the method the call resolves to, so a JMS message or a durable row
     *       names it as for a direct reference.</li>
     *   <li>A varargs method called with its arguments spread carries no identity: the intent's arguments are the
     *       spread values, not the array the method takes, so a receiver could not call the method with them. It runs
     *       in-process where every task does (the sync and managed executors), but it is no lambda written to run
     *       in-process: the jms executor refuses to send it and a durable scope refuses to store it, with a message
     *       that says to pass the array explicitly ({@code enqueue(Mailer::send, new String[] {"a", "b"})}, a direct
     *       reference), rather than run it in-process where the program asked for a message.</li>
     *   <li>{@code super::m}, a static method and a reference whose arguments cannot travel keep no identity and
     *       run in-process, as bound and static references do.</li>
     * </ul>
     * Anything else (a real lambda, a captured variable, more than a call) stays a lambda, named after its enclosing
     * method ({@link #lambdaName}); so does a body whose class file cannot be read.
     */
    private static TaskInfo bridged(SerializedLambda lambda, ClassLoader loader, Class<?> targetType, String implName, int kind) {
        boolean isStatic = kind == MethodHandleInfo.REF_invokeStatic;
        int captured = lambda.getCapturedArgCount();
        // a static body captures nothing; an instance one only itself (super::m): anything else captured a variable
        ForwardingBody.Call call = (isStatic ? captured == 0 : captured == 1)
                ? ForwardingBody.read(loader, lambda.getImplClass(), implName, lambda.getImplMethodSignature(), isStatic)
                : null;
        if (call == null) {
            return new TaskInfo(lambdaName(implName), targetType, null);
        }
        String name = call.name();
        if (call.packed() > 0 || !call.oneToOne()) {
            return new TaskInfo(name, targetType, null, spreadVarargs(call, loader), true);
        }
        boolean instance = call.opcode() == ForwardingBody.INVOKEVIRTUAL || call.opcode() == ForwardingBody.INVOKEINTERFACE;
        if (!isStatic || !instance) {
            return new TaskInfo(name, targetType, null, call.isStatic() ? "it is a reference to a static method, which no bean runs"
                    : "it is a reference through super (super::method), which no other process can make", false);
        }
        TaskMethod method = resolve(call, loader, targetType);
        return method != null ? new TaskInfo(name, targetType, method)
                : new TaskInfo(name, targetType, null, "its method " + simpleName(call.owner()) + "." + name + " cannot be found by reflection", false);
    }

    /** Whether the method a direct reference points to is private (read once per call site; false if it cannot be read). */
    private static boolean isPrivate(SerializedLambda lambda, ClassLoader loader) {
        try {
            Class<?> declaring = Class.forName(lambda.getImplClass().replace('/', '.'), false, loader);
            MethodType signature = MethodType.fromMethodDescriptorString(lambda.getImplMethodSignature(), loader);
            return Modifier.isPrivate(declaring.getDeclaredMethod(lambda.getImplMethodName(), signature.parameterArray()).getModifiers());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** The method a forwarding body calls, as a task method: null where reflection cannot find it (an array's clone). */
    private static TaskMethod resolve(ForwardingBody.Call call, ClassLoader loader, Class<?> targetType) {
        if (call.owner().startsWith("[")) {
            return null;
        }
        try {
            Class<?> owner = Class.forName(call.owner().replace('/', '.'), false, loader);
            MethodType signature = MethodType.fromMethodDescriptorString(call.descriptor(), loader);
            Class<?> declaring = declaring(owner, call.name(), signature);
            return declaring == null ? null : new TaskMethod(targetType, declaring, call.name(), signature.parameterList());
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /**
     * The class that declares the method a call on {@code owner} resolves to (JVMS 5.4.3.3): the owner or its nearest
     * superclass declaring it, else an interface of theirs declaring it (a default or abstract method).
     */
    private static Class<?> declaring(Class<?> owner, String name, MethodType signature) {
        Class<?>[] parameters = signature.parameterArray();
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            Method m = declared(c, name, parameters, signature.returnType());
            if (m != null) {
                return Modifier.isStatic(m.getModifiers()) ? null : c;
            }
        }
        java.util.Deque<Class<?>> todo = new java.util.ArrayDeque<>();
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            todo.addAll(Arrays.asList(c.getInterfaces()));
        }
        java.util.Set<Class<?>> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            Class<?> i = todo.poll();
            if (!seen.add(i)) {
                continue;
            }
            Method m = declared(i, name, parameters, signature.returnType());
            if (m != null && !Modifier.isStatic(m.getModifiers()) && !Modifier.isPrivate(m.getModifiers())) {
                return i;
            }
            todo.addAll(Arrays.asList(i.getInterfaces()));
        }
        return null;
    }

    private static Method declared(Class<?> c, String name, Class<?>[] parameters, Class<?> returnType) {
        for (Method m : c.getDeclaredMethods()) {
            // not a bridge javac adds to a public class for a public method it inherits from a package-private one:
            // the declaration itself is what a direct reference names, and what a receiver registers
            if (m.getName().equals(name) && m.getReturnType() == returnType && !m.isBridge() && !m.isSynthetic()
                    && Arrays.equals(m.getParameterTypes(), parameters)) {
                return m;
            }
        }
        return null;
    }

    /** Why a varargs method reference with spread arguments cannot travel, and what to write instead. */
    private static String spreadVarargs(ForwardingBody.Call call, ClassLoader loader) {
        String owner = simpleName(call.owner());
        String method = owner + "." + call.name();
        String array = "an array";
        try {
            MethodType signature = MethodType.fromMethodDescriptorString(call.descriptor(), loader);
            Class<?> last = signature.parameterCount() == 0 ? null : signature.parameterType(signature.parameterCount() - 1);
            if (last != null && last.isArray()) {
                method += signature.parameterList().stream().map(Class::getSimpleName).collect(java.util.stream.Collectors.joining(", ", "(", ")"))
                        .replaceAll("\\[\\]\\)$", "...)");
                array = "new " + last.getComponentType().getSimpleName() + "[] {...}";
            }
        } catch (RuntimeException | LinkageError e) {
            // the names alone
        }
        return "it is a method reference to the varargs method " + method + " with its arguments spread, which javac compiles into a "
                + "lambda that packs them into an array: the intent holds the spread values, not the array the method takes, so it "
                + "carries no method identity and cannot be sent as a message or stored. Pass the array explicitly, as in "
                + "enqueue(" + owner + "::" + call.name() + ", " + array + "), a method reference that can";
    }

    /** {@code Mailer} for {@code com/acme/Outer$Mailer}. */
    private static String simpleName(String internalName) {
        String name = internalName.substring(internalName.lastIndexOf('/') + 1);
        return name.substring(name.lastIndexOf('$') + 1);
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
        String method = String.join("$", Arrays.asList(parts).subList(0, methodEnd));
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
