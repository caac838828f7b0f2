package io.airlock.jms;

import io.airlock.AirlockException;

/**
 * Thrown by {@link AirlockTaskReceiver#onMessage} when a task failed and its {@code maxRetries} allow another
 * delivery: the container then rolls the delivery back and the broker redelivers the message. The task's
 * own exception is the cause. Past {@code maxRetries} the receiver logs the failure and returns normally.
 */
public class TaskRedeliveryException extends AirlockException {
    private static final long serialVersionUID = 1L;

    private final int deliveryCount;
    private final int maxRetries;

    public TaskRedeliveryException(String message, Throwable cause, int deliveryCount, int maxRetries) {
        super(message, cause);
        this.deliveryCount = deliveryCount;
        this.maxRetries = maxRetries;
    }

    /** The delivery that failed, counted from 1 ({@code JMSXDeliveryCount}). */
    public int deliveryCount() {
        return deliveryCount;
    }

    /** The redeliveries the intent allows. */
    public int maxRetries() {
        return maxRetries;
    }
}
