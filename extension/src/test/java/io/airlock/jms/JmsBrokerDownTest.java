package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.Airlock;
import io.airlock.DispatchFailure;
import io.airlock.Intent;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Shipping;
import jakarta.jms.JMSRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The broker is unreachable: the flush fails fast, and the failure names every intent that was not sent. */
@ExtendWith(CleanAirlock.class)
class JmsBrokerDownTest {

    static final String QUEUE = "airlock.down";
    static Broker broker;
    static JmsIntentExecutor jms;

    @BeforeAll
    static void startThenStopTheBroker() throws Exception {
        broker = Broker.start(14);
        jms = JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueName(QUEUE).build();
        Airlock.get().scope().executor(jms).run(() -> Airlock.get().enqueue(Shipping::ship, 0L, "while up"));
        assertEquals(1, broker.settledCount(QUEUE), "the executor works while the broker is up");
        broker.stop();
    }

    @AfterAll
    static void done() {
        broker = null;
    }

    @Test
    void aFlushFailsFastAndTheFailureNamesEveryIntentNotSent() {
        List<DispatchFailure> failures = new CopyOnWriteArrayList<>();
        List<String> local = new CopyOnWriteArrayList<>();
        Airlock airlock = Airlock.get();
        airlock.configure(c -> c.withExecutor(jms).withFailureListener(failures::add));
        List<Intent> enqueued = new ArrayList<>();
        JMSRuntimeException e = assertThrows(JMSRuntimeException.class, () -> airlock.run(() -> {
            enqueued.add(airlock.enqueue(Shipping::ship, 1L, "a"));
            enqueued.add(airlock.enqueue("audit", () -> local.add("audit")));
            enqueued.add(airlock.enqueue(Shipping::ship, 2L, "b"));
        }));
        assertEquals(1, failures.size());
        DispatchFailure failure = failures.get(0);
        assertSame(e, failure.cause());
        assertEquals(List.of(), failure.dispatched(), "nothing reported as sent");
        List<Intent> unsent = new ArrayList<>();
        unsent.add(failure.failed());
        unsent.addAll(failure.notAttempted());
        assertEquals(enqueued, unsent, "every intent of the batch is named as not sent");
        assertEquals(List.of(), local, "the in-process task after the failure did not run either: fail-fast");
        assertFalse(failure.afterCompletion());
    }
}
