package io.airlock.internal.observe;

/**
 * An executor as messages and telemetry name it: its {@code toString()}, unless that is {@link Object#toString()}'s
 * class name and identity hash (a lambda, an anonymous class, a class that does not override it). Then the hash is left
 * out, and a lambda is named after the class that declares it: a capturing lambda is a new object each time it is
 * evaluated, and a name with its hash would make every flush's executor a new value of the {@code airlock.executor}
 * metric attribute.
 */
public final class ExecutorName {

    private static final String LAMBDA = "$$Lambda";

    private ExecutorName() {
    }

    public static String of(Object executor) {
        if (executor == null) {
            return "null";
        }
        String text;
        try {
            text = executor.toString();
        } catch (RuntimeException | StackOverflowError broken) {
            text = null;
        }
        String type = executor.getClass().getName();
        if (text != null && !(text.startsWith(type + "@") && text.equals(type + "@" + Integer.toHexString(System.identityHashCode(executor))))) {
            return text;
        }
        int lambda = type.indexOf(LAMBDA);
        return lambda < 0 ? type : "lambda in " + type.substring(0, lambda);
    }
}
