package io.airlock.cluster;

import io.airlock.jms.AirlockMessageListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.MessageListener;

/**
 * The application's receiver, on the queue of the standalone broker: the server's configuration binds it to
 * {@value #QUEUE} (an {@code external-jms-queue}) and makes the remote broker's pooled connection factory the
 * default resource adapter of MDBs, so the MDBs of every instance consume from the same queue.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = ClusterTasksMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        // each delivery commits an XA transaction (broker + PostgreSQL): few enough at once for max_prepared_transactions
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class ClusterTasksMdb extends AirlockMessageListener implements MessageListener {

    public static final String QUEUE = "java:/jms/queue/AirlockTasks";
}
