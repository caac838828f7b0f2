package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.Airlock;
import io.airlock.DispatchFailure;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Shipping;
import jakarta.jms.JMSRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker goes down in the middle of a batch: the failure names exactly the intents the broker took
 * before it went down as dispatched, and every other one as not sent.
 */
@ExtendWith(CleanAirlock.class)
class JmsBrokerFailsMidBatchTest {

    private static final String QUEUE = "airlock.midbatch";

    @Test
    void whatTheBrokerTookIsDispatchedAndTheRestIsNamedAsNotSent() throws Exception {
        Broker broker = Broker.start(15);
        JmsIntentExecutor jms = JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueName(QUEUE).build();
        long[] onTheBroker = new long[1];
        // The real JMS executor, with the broker stopped just before the fourth message of the batch.
        IntentExecutor brokerDiesAfterThree = new IntentExecutor() {
            @Override
            public void execute(Intent intent) throws Exception {
                jms.execute(intent);
            }

            @Override
            public Batch openBatch(List<Intent> intents) throws Exception {
                Batch batch = jms.openBatch(intents);
                int[] sent = new int[1];
                return new Batch() {
                    @Override
                    public void execute(Intent intent) throws Exception {
                        if (sent[0]++ == 3) {
                            onTheBroker[0] = broker.settledCount(QUEUE);
                            broker.stop();
                        }
                        batch.execute(intent);
                    }

                    @Override
                    public void close() throws Exception {
                        batch.close();
                    }
                };
            }
        };
        List<DispatchFailure> failures = new CopyOnWriteArrayList<>();
        Airlock airlock = Airlock.get();
        airlock.configure(c -> c.withFailureListener(failures::add));
        List<Intent> enqueued = new ArrayList<>();
        assertThrows(JMSRuntimeException.class, () -> airlock.scope().executor(brokerDiesAfterThree).run(() -> {
            for (long i = 0; i < 8; i++) {
                enqueued.add(airlock.enqueue(Shipping::ship, i, "street " + i));
            }
        }));
        assertEquals(3, onTheBroker[0], "the broker had taken three messages when it went down");
        assertEquals(1, failures.size());
        DispatchFailure failure = failures.get(0);
        assertEquals(enqueued.subList(0, 3), failure.dispatched(), "exactly what the broker took is reported as sent");
        assertEquals(enqueued.get(3), failure.failed());
        assertEquals(enqueued.subList(4, 8), failure.notAttempted());
    }
}
