package io.airlock;

/**
 * What airlock knows of a task's call site, computed once per lambda class: the default name, the
 * target type and, for a method reference that can cross a queue, the method's identity.
 */
record TaskInfo(String name, Class<?> targetType, TaskMethod method) {
}
