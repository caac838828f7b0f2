package io.airlock.docs.jms;

import io.airlock.jms.AirlockMessageListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.MessageListener;

/** The message-driven bean of docs/jms.md: compiled here, deployed by the arquillian tests. */
// tag::definedQueue[]
@JMSDestinationDefinition(name = "java:app/jms/AirlockTasks", interfaceName = "jakarta.jms.Queue",
        destinationName = "AirlockTasks")
// end::definedQueue[]
// tag::mdb[]
// tag::definedQueue[]
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:app/jms/AirlockTasks"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
public class AirlockTasks extends AirlockMessageListener implements MessageListener {
}
// end::definedQueue[]
// end::mdb[]
