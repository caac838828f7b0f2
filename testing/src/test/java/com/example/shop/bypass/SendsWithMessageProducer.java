package com.example.shop.bypass;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

public class SendsWithMessageProducer {

    void confirm(Session session, Destination confirmations) throws JMSException {
        MessageProducer producer = session.createProducer(confirmations);
        producer.send(session.createTextMessage("order 42 confirmed"));
    }
}
