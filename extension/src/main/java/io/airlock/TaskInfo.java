package io.airlock;

/**
 * What airlock knows of a task's call site, computed once per lambda class: the default name, the
 * target type and, for a method reference that can cross a queue, the method's identity.
 *
 * @param noMethod without a method: why, in words that fit a message refusing to send or store the intent
 * @param spread whether the task is a method reference to a varargs method with its arguments spread, which looks
 *        like a method reference but cannot travel: executors that send or store intents refuse it rather than run it
 *        in-process as they run lambdas
 * @param privateMethod whether the task is a reference to a private method of the target type, which runs on the
 *        object the target resolves to as it is: on a client proxy, without the bean's state, so a resolver refuses it
 *        where the target is one
 */
record TaskInfo(String name, Class<?> targetType, TaskMethod method, String noMethod, boolean spread, boolean privateMethod) {

    TaskInfo(String name, Class<?> targetType, TaskMethod method, String noMethod, boolean spread) {
        this(name, targetType, method, noMethod, spread, false);
    }

    TaskInfo(String name, Class<?> targetType, TaskMethod method) {
        this(name, targetType, method, method == null ? "it is a lambda, which has no method another process could call" : null, false);
    }
}
