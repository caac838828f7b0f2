package io.airlock.it.telemetry;

import io.airlock.it.support.JournalingListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.MessageListener;

/**
 * The telemetry scenario's receiver (Open Liberty: queue {@code TelemetryTasks} in the messaging engine and
 * activation spec {@code airlock-telemetry/TelemetryTasksMdb}).
 */
@JMSDestinationDefinition(name = TelemetryTasksMdb.QUEUE, interfaceName = "jakarta.jms.Queue", destinationName = TelemetryTasksMdb.QUEUE_NAME)
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = TelemetryTasksMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
public class TelemetryTasksMdb extends JournalingListener implements MessageListener {

    public static final String QUEUE = "java:app/jms/TelemetryTasks";
    public static final String QUEUE_NAME = "TelemetryTasks";
}
