package io.airlock;

/**
 * A task taking 1 argument, usually a method reference such as {@code Mailer::send}.
 *
 * @param <T> the target type
 * @param <A> the type of argument 1
 */
@FunctionalInterface
public interface Task1<T, A> extends Task<T> {

    /** The task itself: called on the resolved target when the intent is dispatched. */
    void call(T target, A a) throws Exception;

    @Override
    @SuppressWarnings("unchecked")
    default void invoke(T target, Object[] args) throws Exception {
        call(target, (A) args[0]);
    }
}
