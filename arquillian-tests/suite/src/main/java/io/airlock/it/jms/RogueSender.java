package io.airlock.it.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

/** Puts a well-formed airlock message (docs/jms-format.md) on the queue that names an undeclared method. */
@ApplicationScoped
public class RogueSender {

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = AirlockTasksMdb.QUEUE)
    Queue queue;

    /** @return the JMS message id */
    public String sendUndeclared(String key) {
        String forbidden = Forbidden.class.getName();
        String body = """
                {"format":1,"id":"rogue-%s","name":"detonate",\
                "target":{"targetType":"%s","declaringClass":"%s","methodName":"detonate","parameterTypes":["java.lang.String"]},\
                "arguments":["%s"],"options":{}}""".formatted(key, forbidden, forbidden, key);
        try (JMSContext context = connectionFactory.createContext()) {
            var message = context.createTextMessage(body);
            context.createProducer().setProperty("airlockFormat", 1).send(queue, message);
            return message.getJMSMessageID();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
