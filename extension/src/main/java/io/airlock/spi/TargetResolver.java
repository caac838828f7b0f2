package io.airlock.spi;

import io.airlock.UsageException;

/**
 * Finds the instance a task method is called on, when the intent is dispatched. In a container this is CDI
 * (and a {@code @Dependent} instance is destroyed after the call); in plain Java the default creates an
 * instance through the type's no-argument constructor.
 */
public interface TargetResolver {

    /** A resolved target and how to let go of it after the call. */
    interface Target<T> {
        T instance();

        /** Releases the instance after the call (destroys a {@code @Dependent} bean, for example). */
        default void release() {
        }
    }

    /** Resolves an instance of {@code type} to call a task on. */
    <T> Target<T> resolve(Class<T> type);

    /**
     * Checks, when an intent is enqueued, that {@code type} can be resolved later, so that a wrong task
     * fails where it is written rather than at dispatch. The default accepts every type.
     *
     * @throws UsageException naming the type and the fix when it cannot be resolved
     */
    default void check(Class<?> type) {
    }

    /**
     * Checks, when an intent is enqueued, that a private method of {@code type} can be called on what {@code type}
     * resolves to: a private method is not proxied, so on a proxy (a CDI client proxy) it would run without the bean's
     * state. Called after {@link #check}, only for references to private methods. The default accepts every type.
     *
     * @param method the method's name, for the message
     * @throws UsageException naming the method and the fix when the call would not reach the instance
     */
    default void checkPrivateCall(Class<?> type, String method) {
    }

    /**
     * Creates a new instance through the type's no-argument constructor (of any visibility), for each call.
     * The constructor is looked up once per type and bound to a generated factory, so that normally only the
     * {@code new} happens per intent. A type without one fails with a {@link UsageException} naming it.
     */
    TargetResolver NEW_INSTANCE = new NewInstanceResolver();
}
