package io.airlock.sample;

import io.airlock.jms.AirlockMessageListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.MessageListener;

/**
 * The shop's own message-driven bean: it consumes the queue the JMS executor sends to and runs the tasks the
 * messages carry, only those declared with {@code @AirlockTask} ({@link Warehouse#notifyShipment}). The queue
 * is defined by the application; WildFly's embedded Artemis broker creates it.
 */
@JMSDestinationDefinition(name = ShopExecutor.QUEUE, interfaceName = "jakarta.jms.Queue", destinationName = "ShopTasks")
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = ShopExecutor.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
public class ShopTaskListener extends AirlockMessageListener implements MessageListener {
}
