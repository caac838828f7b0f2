package io.airlock.spi;

import io.airlock.UsageException;
import java.lang.reflect.Constructor;

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

    /** Creates a new instance through the public or package-private no-argument constructor, for each call. */
    TargetResolver NEW_INSTANCE = new TargetResolver() {
        @Override
        public <T> Target<T> resolve(Class<T> type) {
            try {
                Constructor<T> constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
                T instance = constructor.newInstance();
                return () -> instance;
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new UsageException("Cannot create a " + type.getName() + " to run a task on: it needs a no-argument constructor, "
                        + "or configure a TargetResolver (in a CDI container, make it a bean).", e);
            }
        }
    };
}
