package io.airlock.it.smoke;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

@ApplicationScoped
public class SmokeSender {

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = SmokeListener.QUEUE)
    Queue queue;

    public void send(String text) {
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer().send(queue, text);
        }
    }
}
