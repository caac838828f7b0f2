package io.airlock;

import java.io.Serializable;

/**
 * A task: a method of a target type, called with positional arguments when its intent is dispatched.
 *
 * <p>Write tasks as method references on a bean type, for example {@code Mailer::sendConfirmation}: the
 * intent's name is the method's name, the target instance is resolved (from CDI in a container) when the
 * intent is dispatched, and the method's identity (declaring class, name, parameter types) lets the intent
 * cross a queue. The sub-interfaces {@link Task0} to {@link Task5} fix the number of arguments.
 *
 * <p>Tasks are {@link Serializable} only so that airlock can read which method a method reference points
 * to, once per call site; intents themselves are never serialized with Java serialization.
 *
 * @param <T> the target type whose method is called
 */
public interface Task<T> extends Serializable {

    /**
     * Calls the task on {@code target} with {@code args}; the sub-interfaces implement this by calling
     * their single abstract method.
     */
    void invoke(T target, Object[] args) throws Exception;
}
