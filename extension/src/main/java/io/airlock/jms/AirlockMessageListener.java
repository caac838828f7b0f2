package io.airlock.jms;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The base of the application's message-driven bean that consumes airlock's queue: it hands each message to
 * the {@link AirlockTaskReceiver} bean, looked up through CDI. The whole MDB:
 *
 * <pre>{@code
 * @MessageDriven(activationConfig = {
 *     @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:app/jms/AirlockTasks"),
 *     @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
 * public class AirlockTasks extends AirlockMessageListener implements MessageListener {
 * }
 * }</pre>
 *
 * <p>Repeating {@code implements MessageListener} on the MDB keeps it portable: some containers look for the
 * listener interface on the bean class itself. See {@code docs/jms.md} for WildFly, Open Liberty and Payara.
 */
public abstract class AirlockMessageListener implements MessageListener {

    /** Runs the task the message carries, or rejects the message; see {@link AirlockTaskReceiver#onMessage}. */
    @Override
    public void onMessage(Message message) {
        receiver().onMessage(message);
    }

    /** The receiver bean of this application; override to supply another (an injected one, for example). */
    protected AirlockTaskReceiver receiver() {
        return CDI.current().select(AirlockTaskReceiver.class).get();
    }
}
