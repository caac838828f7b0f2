package io.airlock;

import java.util.Objects;

/** The enqueue overloads, once, for every {@link Enqueuer}. */
abstract class AbstractEnqueuer implements Enqueuer {

    final EnqueueSettings settings;

    AbstractEnqueuer(EnqueueSettings settings) {
        this.settings = settings;
    }

    private Intent task(Task<?> task, Object... args) {
        return Engine.get().enqueue(task, args, settings);
    }

    @Override
    public <T> Intent enqueue(Task0<T> task) {
        return task(task);
    }

    @Override
    public <T, A> Intent enqueue(Task1<T, A> task, A a) {
        return task(task, a);
    }

    @Override
    public <T, A, B> Intent enqueue(Task2<T, A, B> task, A a, B b) {
        return task(task, a, b);
    }

    @Override
    public <T, A, B, C> Intent enqueue(Task3<T, A, B, C> task, A a, B b, C c) {
        return task(task, a, b, c);
    }

    @Override
    public <T, A, B, C, D> Intent enqueue(Task4<T, A, B, C, D> task, A a, B b, C c, D d) {
        return task(task, a, b, c, d);
    }

    @Override
    public <T, A, B, C, D, E> Intent enqueue(Task5<T, A, B, C, D, E> task, A a, B b, C c, D d, E e) {
        return task(task, a, b, c, d, e);
    }

    @Override
    public Intent enqueue(String adHocName, AdHocTask body) {
        return Engine.get().enqueueAdHoc(adHocName, body, settings);
    }

    @Override
    public Enqueuer named(String newName) {
        if (newName == null || newName.isBlank()) {
            throw new UsageException("An intent's name must not be blank, got " + (newName == null ? "null" : "'" + newName + "'") + ".");
        }
        return new Configured(settings.withName(newName));
    }

    @Override
    public Enqueuer origin(String newOrigin) {
        return new Configured(settings.withOrigin(Objects.requireNonNull(newOrigin, "origin")));
    }

    @Override
    public Enqueuer options(DispatchOptions newOptions) {
        return new Configured(settings.withOptions(Objects.requireNonNull(newOptions, "options")));
    }

    /** An enqueuer with a name, origin or options. */
    static final class Configured extends AbstractEnqueuer {
        Configured(EnqueueSettings settings) {
            super(settings);
        }
    }
}
