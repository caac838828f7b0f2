package io.airlock.cluster;

import io.airlock.jms.AirlockMessageListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The application's receiver, on the queue of the standalone broker: the server's configuration binds it to
 * {@value #QUEUE} (an {@code external-jms-queue}) and makes the remote broker's pooled connection factory the
 * default resource adapter of MDBs, so the MDBs of every instance consume from the same queue. Each delivery's
 * {@code JMSXDeliveryCount} (set by the broker: more than 1 for a redelivered message) is recorded with the run.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = ClusterTasksMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        // each delivery commits an XA transaction (broker + PostgreSQL): few enough at once for max_prepared_transactions
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class ClusterTasksMdb extends AirlockMessageListener implements MessageListener {

    public static final String QUEUE = "java:/jms/queue/AirlockTasks";

    @Override
    public void onMessage(Message message) {
        try {
            Runs.DELIVERY_COUNT.set(message.getIntProperty("JMSXDeliveryCount"));
        } catch (JMSException e) {
            Runs.DELIVERY_COUNT.set(-1);
        }
        try {
            super.onMessage(message);
        } finally {
            Runs.DELIVERY_COUNT.remove();
        }
    }
}
