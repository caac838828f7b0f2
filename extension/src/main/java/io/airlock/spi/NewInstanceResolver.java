package io.airlock.spi;

import io.airlock.UsageException;
import io.airlock.internal.failure.Suppressed;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.Supplier;

/**
 * {@link TargetResolver#NEW_INSTANCE}: a new instance per call, through the type's no-argument constructor
 * (of any visibility). The constructor is looked up once per type and bound to a generated
 * {@link Supplier}, so creating a target costs a plain {@code new}, not a reflective call.
 */
final class NewInstanceResolver implements TargetResolver {

    private final ClassValue<Supplier<?>> factories = new ClassValue<>() {
        @Override
        protected Supplier<?> computeValue(Class<?> type) {
            return factory(type);
        }
    };

    @Override
    public <T> Target<T> resolve(Class<T> type) {
        T instance = type.cast(factories.get(type).get());
        return () -> instance;
    }

    private static Supplier<?> factory(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new UsageException("Cannot create a " + type.getName() + " to run a task on: it is " + (type.isInterface() ? "an interface" : "abstract")
                    + ". Configure a TargetResolver that knows its implementation (in a CDI container, airlock resolves it from CDI).");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor();
        } catch (NoSuchMethodException | SecurityException e) {
            throw cannotCreate(type, e);
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            MethodHandle create = lookup.findConstructor(type, MethodType.methodType(void.class));
            return (Supplier<?>) LambdaMetafactory.metafactory(lookup, "get", MethodType.methodType(Supplier.class),
                    MethodType.methodType(Object.class), create, MethodType.methodType(type)).getTarget().invoke();
        } catch (Error error) {
            throw error;
        } catch (Throwable notBindable) {
            // a module that does not open the type's package to airlock: call the constructor reflectively
            try {
                constructor.setAccessible(true);
            } catch (RuntimeException inaccessible) {
                Suppressed.add(inaccessible, notBindable);
                throw cannotCreate(type, inaccessible);
            }
            return () -> {
                try {
                    return constructor.newInstance();
                } catch (InvocationTargetException e) {
                    // the constructor's own failure: unchecked ones pass on unchanged, as from the generated supplier
                    if (e.getCause() instanceof RuntimeException unchecked) {
                        throw unchecked;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new UndeclaredThrowableException(e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw cannotCreate(type, e);
                }
            };
        }
    }

    private static UsageException cannotCreate(Class<?> type, Throwable cause) {
        return new UsageException("Cannot create a " + type.getName() + " to run a task on: it needs a no-argument constructor, "
                + "or configure a TargetResolver (in a CDI container, make it a bean).", cause);
    }
}
