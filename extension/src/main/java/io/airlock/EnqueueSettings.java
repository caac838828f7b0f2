package io.airlock;

/**
 * What an {@link Enqueuer} adds to each intent it creates: an explicit name (null: the task method's name),
 * an origin and dispatch options. One instance per enqueuer, shared by its intents.
 */
record EnqueueSettings(String name, String origin, DispatchOptions options) {

    static final EnqueueSettings DEFAULT = new EnqueueSettings(null, null, DispatchOptions.none());

    EnqueueSettings withName(String newName) {
        return new EnqueueSettings(newName, origin, options);
    }

    EnqueueSettings withOrigin(String newOrigin) {
        return new EnqueueSettings(name, newOrigin, options);
    }

    EnqueueSettings withOptions(DispatchOptions newOptions) {
        return new EnqueueSettings(name, origin, newOptions);
    }
}
