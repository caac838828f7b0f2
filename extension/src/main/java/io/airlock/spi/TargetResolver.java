package io.airlock.spi;

import io.airlock.UsageException;
import java.lang.reflect.Constructor;
import java.lang.reflect.UndeclaredThrowableException;

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
     * Creates a new instance through the public or package-private no-argument constructor, for each call.
     * The constructor is looked up once per type; only the call to it happens per intent.
     */
    TargetResolver NEW_INSTANCE = new TargetResolver() {
        private final ClassValue<Constructor<?>> constructors = new ClassValue<>() {
            @Override
            protected Constructor<?> computeValue(Class<?> type) {
                try {
                    Constructor<?> constructor = type.getDeclaredConstructor();
                    constructor.setAccessible(true);
                    return constructor;
                } catch (NoSuchMethodException e) {
                    throw new UndeclaredThrowableException(e);
                }
            }
        };

        @Override
        public <T> Target<T> resolve(Class<T> type) {
            try {
                T instance = type.cast(constructors.get(type).newInstance());
                return () -> instance;
            } catch (ReflectiveOperationException | RuntimeException e) {
                Throwable cause = e instanceof UndeclaredThrowableException undeclared ? undeclared.getCause() : e;
                throw new UsageException("Cannot create a " + type.getName() + " to run a task on: it needs a no-argument constructor, "
                        + "or configure a TargetResolver (in a CDI container, make it a bean).", cause);
            }
        }
    };
}
