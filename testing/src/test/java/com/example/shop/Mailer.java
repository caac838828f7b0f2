package com.example.shop;

import io.airlock.AirlockTask;

/** Declares tasks method by method. */
public class Mailer {

    @AirlockTask
    public void sendConfirmation(long orderId) {
        format(orderId);
    }

    /** A task that composes another one of its own class: a plain call inside a dispatched task. */
    @AirlockTask
    public void sendConfirmationTwice(long orderId) {
        sendConfirmation(orderId);
        sendConfirmation(orderId);
    }

    /** Not a task. */
    public String format(long orderId) {
        return "order " + orderId;
    }
}
