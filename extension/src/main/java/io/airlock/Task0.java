package io.airlock;

/**
 * A task taking 0 arguments, usually a method reference such as {@code Mailer::send}.
 *
 * @param <T> the target type
 */
@FunctionalInterface
public interface Task0<T> extends Task<T> {

    /** The task itself: called on the resolved target when the intent is dispatched. */
    void call(T target) throws Exception;

    @Override
    default void invoke(T target, Object[] args) throws Exception {
        call(target);
    }
}
