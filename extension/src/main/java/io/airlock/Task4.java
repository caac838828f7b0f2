package io.airlock;

/**
 * A task taking 4 arguments, usually a method reference such as {@code Mailer::send}.
 *
 * @param <T> the target type
 * @param <A> the type of argument 1
 * @param <B> the type of argument 2
 * @param <C> the type of argument 3
 * @param <D> the type of argument 4
 */
@FunctionalInterface
public interface Task4<T, A, B, C, D> extends Task<T> {

    /** The task itself: called on the resolved target when the intent is dispatched. */
    void call(T target, A a, B b, C c, D d) throws Exception;

    @Override
    @SuppressWarnings("unchecked")
    default void invoke(T target, Object[] args) throws Exception {
        call(target, (A) args[0], (B) args[1], (C) args[2], (D) args[3]);
    }
}
