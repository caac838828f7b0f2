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
 * <p>On a method, it declares that method; on a class (or interface), it declares every public instance method
 * with a body the class itself declares, not those it inherits. The CDI extension collects the declared tasks
 * of the managed beans when the application is deployed, so the bean class must be a bean the container
 * discovers.
 *
 * <p>A message runs a method only if it is a declared task <em>of the bean that runs it</em>: the bean CDI
 * resolves for the message's target type must be a managed bean (not a producer or synthetic bean), and the
 * method the JVM runs on that bean's class for the named method (its own, one inherited from a superclass,
 * or an interface's default method) must carry this annotation, or be public in a class carrying it. An
 * override does not inherit the annotation of the method it overrides; on an abstract or interface method it
 * declares nothing (annotate the implementation); static, private, bridge and {@code Object}'s methods are
 * never tasks. See {@code docs/jms.md}.
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
