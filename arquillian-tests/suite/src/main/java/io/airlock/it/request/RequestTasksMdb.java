package io.airlock.it.request;

import io.airlock.it.support.JournalingListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.MessageListener;

/**
 * The request WAR's receiver of the intents that {@link ViaJms} sends: it notes each message's intent id
 * ({@link JournalingListener}, on the MDB's thread) before airlock runs the task. Open Liberty also
 * needs the queue in its messaging engine and an activation spec {@code airlock-request/RequestTasksMdb}
 * (arquillian-tests/liberty/src/test/liberty/server.xml).
 */
@JMSDestinationDefinition(name = RequestTasksMdb.QUEUE, interfaceName = "jakarta.jms.Queue", destinationName = RequestTasksMdb.QUEUE_NAME)
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = RequestTasksMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
public class RequestTasksMdb extends JournalingListener implements MessageListener {

    public static final String QUEUE = "java:app/jms/RequestTasks";
    public static final String QUEUE_NAME = "AirlockRequestTasks";
}
