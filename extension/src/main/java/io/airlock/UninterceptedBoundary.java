package io.airlock;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/**
 * Finds, for the message of a {@link NoScopeException}, an {@code @Airlocked} method on the caller's stack: had
 * its interceptor run, its scope would still be open, so the interceptor did not run. Walked only when enqueue
 * fails; the annotation is matched by name, since it lives in the {@code airlock-interceptors} module.
 */
final class UninterceptedBoundary {

    private static final String AIRLOCKED = "io.airlock.Airlocked";
    /** Frames looked at above airlock's own: the helper methods an {@code @Airlocked} method calls before it enqueues. */
    private static final int DEPTH = 32;

    private UninterceptedBoundary() {
    }

    /** The hint naming the {@code @Airlocked} method on the stack whose interceptor did not run, or empty. */
    static String hint() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(f -> !isAirlocks(f.getDeclaringClass()))
                .limit(DEPTH)
                .filter(f -> isAirlocked(f.getDeclaringClass(), f.getMethodName()))
                .findFirst()
                .map(f -> " The calling method " + f.getDeclaringClass().getName() + "." + f.getMethodName()
                        + " is annotated @Airlocked, but its interceptor did not run: call it on an injected bean, not on an "
                        + "instance made with new; make it neither private, static nor final (and its class not final); "
                        + "and install airlock-interceptors (in a weld-junit5 test, add "
                        + "io.airlock.internal.interceptor.AirlockedExtension beside AirlockExtension).")
                .orElse(""));
    }

    /** airlock's own frames, and proxies of its beans, between the caller and this check. */
    private static boolean isAirlocks(Class<?> type) {
        return type.getPackageName().equals("io.airlock") || type.getName().startsWith("io.airlock.internal.");
    }

    private static boolean isAirlocked(Class<?> type, String methodName) {
        try {
            if (annotated(type.getAnnotations())) {
                return true;
            }
            for (Method m : type.getDeclaredMethods()) {
                if (m.getName().equals(methodName) && annotated(m.getAnnotations())) {
                    return true;
                }
            }
        } catch (LinkageError | SecurityException unreadable) {
            // a class whose annotations cannot be read gives no hint
        }
        return false;
    }

    private static boolean annotated(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a.annotationType().getName().equals(AIRLOCKED)) {
                return true;
            }
        }
        return false;
    }
}
