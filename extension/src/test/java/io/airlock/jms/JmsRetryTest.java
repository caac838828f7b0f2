package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.Airlock;
import io.airlock.IntentExecutor;
import io.airlock.executor.Backoff;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Shipping;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code jms.withRetry(...)} is the Java form of Celery's {@code retry_policy}, which retries the publish when the
 * broker cannot be reached: a broker that refuses the batch's connection is tried again, not only a send that fails.
 */
@ExtendWith(CleanAirlock.class)
class JmsRetryTest {

    private static final String QUEUE = "airlock.retry";

    @RegisterExtension
    static final Broker broker = Broker.forTestClass(52);

    @Test
    void aBrokerThatCannotBeReachedAtFirstIsTriedAgain() {
        AtomicInteger refusals = new AtomicInteger(2);
        JmsContextSource comesBack = new JmsContextSource() {
            final JmsContextSource real = JmsContextSource.of(broker.connectionFactory());

            @Override
            public JMSContext open() {
                if (refusals.getAndDecrement() > 0) {
                    throw new JMSRuntimeException("Connection refused");
                }
                return real.open();
            }

            @Override
            public void release(JMSContext context) {
                real.release(context);
            }
        };
        JmsIntentExecutor jms = JmsIntentExecutor.builder().contextSource(comesBack).queueName(QUEUE).build();
        IntentExecutor publishing = jms.withRetry(4, Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(5)));

        Airlock.get().scope().executor(publishing).run(() -> {
            Airlock.get().enqueue(Shipping::ship, 1L, "a");
            Airlock.get().enqueue(Shipping::ship, 2L, "b");
        });

        assertEquals(2, broker.settledCount(QUEUE), "both messages are on the queue, sent once each");
    }
}
