package io.airlock;

/**
 * Enqueues intents into the current scope. {@link Airlock} is one; {@link #named}, {@link #origin} and
 * {@link #options} return others that add a name, an origin or dispatch options to what they enqueue.
 *
 * <pre>{@code
 * airlock.enqueue(Mailer::sendConfirmation, orderId, email);
 * airlock.options(DispatchOptions.builder().delay(Duration.ofHours(1)).build())
 *        .origin("checkout")
 *        .enqueue(Mailer::sendReminder, orderId);
 * }</pre>
 *
 * <p>Nothing runs at enqueue: the intent is buffered, and the scope decides at its end whether and when
 * it escapes. Each method returns the buffered intent, whose {@link Intent#id()} identifies it.
 *
 * <p>Every {@code enqueue} throws
 * <ul>
 *   <li>{@link NoScopeException} when no scope is active on this thread,</li>
 *   <li>{@link PolicyEnqueueException} when it is called inside a policy,</li>
 *   <li>{@link PolicyViolationException} when the scope's policy refuses the intent (it is then not buffered).</li>
 * </ul>
 */
public interface Enqueuer {

    <T> Intent enqueue(Task0<T> task);

    <T, A> Intent enqueue(Task1<T, A> task, A a);

    <T, A, B> Intent enqueue(Task2<T, A, B> task, A a, B b);

    <T, A, B, C> Intent enqueue(Task3<T, A, B, C> task, A a, B b, C c);

    <T, A, B, C, D> Intent enqueue(Task4<T, A, B, C, D> task, A a, B b, C c, D d);

    <T, A, B, C, D, E> Intent enqueue(Task5<T, A, B, C, D, E> task, A a, B b, C c, D d, E e);

    /** Enqueues an ad-hoc task: a name and a body, for in-process executors. */
    Intent enqueue(String name, AdHocTask body);

    /** Enqueues under an explicit name instead of the method's name (what {@code BlockTasks} and logs see). */
    Enqueuer named(String name);

    /** Records where intents come from (a request path, a job name), for logs and inspection. */
    Enqueuer origin(String origin);

    /** Adds dispatch options for the executor. */
    Enqueuer options(DispatchOptions options);
}
