package io.airlock.it.jms;

import io.airlock.it.support.JournalingListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.MessageListener;

/**
 * The application's receiver: airlock's listener as a message-driven bean, on a queue the application
 * defines; it notes each delivery ({@link JournalingListener}) before airlock runs the task. Open Liberty also needs the queue in its messaging engine and an activation spec
 * {@code airlock-jms/AirlockTasksMdb} (arquillian-tests/liberty/src/test/liberty/server.xml). Payara needs
 * {@code endpointExceptionRedeliveryAttempts} for {@code maxRetries} to be reached: {@code Deployments.jms()} sets it in
 * {@code WEB-INF/glassfish-ejb-jar.xml} (docs/jms.md).
 */
@JMSDestinationDefinition(name = AirlockTasksMdb.QUEUE, interfaceName = "jakarta.jms.Queue", destinationName = AirlockTasksMdb.QUEUE_NAME)
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = AirlockTasksMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
public class AirlockTasksMdb extends JournalingListener implements MessageListener {

    public static final String QUEUE = "java:app/jms/AirlockTasks";
    public static final String QUEUE_NAME = "AirlockTasks";
    static final String MESSAGE = JournalingListener.MESSAGE;
}
