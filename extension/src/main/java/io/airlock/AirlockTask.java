package io.airlock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method of a CDI bean as a task that may arrive from a queue: the JMS receiver
 * ({@code io.airlock.jms.AirlockTaskReceiver}) runs only methods declared this way, and rejects a message
 * naming anything else without loading or running it.
 *
 * <p>On a method, it declares that method; on a class, it declares every public instance method the class
 * itself declares. The CDI extension collects the declared tasks when the application is deployed, so the
 * annotated class must be a bean the container discovers.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class Mailer {
 *     @AirlockTask
 *     public void sendConfirmation(long orderId) { ... }
 * }
 *
 * airlock.enqueue(Mailer::sendConfirmation, orderId);   // may travel over JMS
 * }</pre>
 *
 * <p>The JMS executor refuses, before sending anything, an intent whose method is not declared as a task,
 * since the receiver would reject it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AirlockTask {
}
