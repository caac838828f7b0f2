package io.airlock.it.smoke;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Message-driven bean in the WAR. The queue is defined by the application (portable on WildFly and
 * Payara); Open Liberty additionally needs its messaging engine queue and an activation spec named
 * {@code airlock-smoke/SmokeListener} in server.xml (arquillian-tests/liberty).
 */
@JMSDestinationDefinition(name = SmokeListener.QUEUE, interfaceName = "jakarta.jms.Queue",
        destinationName = SmokeListener.QUEUE_NAME)
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = SmokeListener.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
public class SmokeListener implements MessageListener {

    public static final String QUEUE = "java:app/jms/AirlockSmokeQueue";
    public static final String QUEUE_NAME = "AirlockSmokeQueue";

    @Inject
    Inbox inbox;

    @Override
    public void onMessage(Message message) {
        try {
            inbox.received(message.getBody(String.class));
        } catch (JMSException e) {
            throw new IllegalStateException("Unreadable message " + message, e);
        }
    }
}
