package io.airlock.it.request;

import io.airlock.it.support.Journal;
import io.airlock.it.support.Run;
import io.airlock.jms.AirlockMessageListener;
import io.airlock.jms.JmsIntentExecutor;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The request WAR's receiver of the intents that {@link ViaJms} sends: it notes each message's intent id
 * (under {@code "mdb:" + intent id}, on the MDB's thread) before airlock runs the task. Open Liberty also
 * needs the queue in its messaging engine and an activation spec {@code airlock-request/RequestTasksMdb}
 * (arquillian-tests/liberty/src/test/liberty/server.xml).
 */
@JMSDestinationDefinition(name = RequestTasksMdb.QUEUE, interfaceName = "jakarta.jms.Queue", destinationName = RequestTasksMdb.QUEUE_NAME)
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = RequestTasksMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
public class RequestTasksMdb extends AirlockMessageListener implements MessageListener {

    public static final String QUEUE = "java:app/jms/RequestTasks";
    public static final String QUEUE_NAME = "AirlockRequestTasks";
    static final String MDB = "mdb:";

    @Inject
    Journal journal;

    @Override
    public void onMessage(Message message) {
        try {
            String intentId = message.getStringProperty(JmsIntentExecutor.PROPERTY_INTENT_ID);
            if (intentId != null) {
                journal.add(Run.here(MDB + intentId, "message", null));
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        super.onMessage(message);
    }
}
