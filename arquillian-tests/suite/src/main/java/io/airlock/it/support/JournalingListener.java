package io.airlock.it.support;

import io.airlock.jms.AirlockMessageListener;
import io.airlock.jms.JmsIntentExecutor;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * airlock's listener, as the suite's message-driven beans extend it (each also names {@code MessageListener}
 * itself, which containers look for on the bean class): before airlock runs the task it notes the
 * delivery under {@code "message:" + intent id}, on the delivering thread, with the message's priority and
 * delivery time.
 */
public abstract class JournalingListener extends AirlockMessageListener {

    /** The prefix of the journal key of each delivery. */
    public static final String MESSAGE = "message:";

    @Inject
    Journal journal;

    @Override
    public void onMessage(Message message) {
        try {
            String intentId = message.getStringProperty(JmsIntentExecutor.PROPERTY_INTENT_ID);
            if (intentId != null) {
                journal.add(Run.here(MESSAGE + intentId, "message",
                        "priority=" + message.getJMSPriority() + ",deliveryTime=" + message.getJMSDeliveryTime()));
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        super.onMessage(message);
    }
}
