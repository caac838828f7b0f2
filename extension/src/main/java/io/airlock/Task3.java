package io.airlock;

/**
 * A task taking 3 arguments, usually a method reference such as {@code Mailer::send}.
 *
 * @param <T> the target type
 * @param <A> the type of argument 1
 * @param <B> the type of argument 2
 * @param <C> the type of argument 3
 */
@FunctionalInterface
public interface Task3<T, A, B, C> extends Task<T> {

    /** The task itself: called on the resolved target when the intent is dispatched. */
    void call(T target, A a, B b, C c) throws Exception;

    @Override
    @SuppressWarnings("unchecked")
    default void invoke(T target, Object[] args) throws Exception {
        call(target, (A) args[0], (B) args[1], (C) args[2]);
    }
}
