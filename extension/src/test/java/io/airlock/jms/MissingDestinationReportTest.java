package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.DispatchFailure;
import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.FailureLog;
import io.airlock.jms.JmsIntentExecutor;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Shipping;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A queue missing from JNDI for one intent of a batch: the intents before it are sent as they would be one by one, it
 * fails in its place, the rest are not attempted, and both the failure and the report name it (not the batch's first
 * intent). The first intent's missing queue fails the batch before anything is sent.
 */
class MissingDestinationReportTest {
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(48);

    @Test
    void theFailureAndTheReportNameTheIntentWhoseQueueIsMissing() {
        for (int missingAt = 0; missingAt < 3; missingAt++) {
            check(missingAt);
        }
    }

    void check(int missingAt) {
        try (WeldContainer container = AirlockWeld.weld(Shipping.class).initialize()) {
            JmsIntentExecutor jms = JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueName("airlock.missing").build();
            Airlock airlock = Airlock.get();
            Intent[] enqueued = new Intent[3];
            Exception e = assertThrows(IllegalStateException.class, () -> airlock.scope().executor(jms).run(() -> {
                for (int i = 0; i < enqueued.length; i++) {
                    enqueued[i] = i == missingAt
                            ? airlock.options(DispatchOptions.builder().destination("java:app/jms/Missing").build()).enqueue(Shipping::ship, (long) i, "x")
                            : airlock.enqueue(Shipping::ship, (long) i, "fine");
                }
            }));
            DispatchFailure failure = container.select(FailureLog.class).get().failures().get(0);
            Intent missing = enqueued[missingAt];
            assertTrue(e.getMessage().contains(missing.id()) && e.getMessage().contains("java:app/jms/Missing"), e.getMessage());
            assertSame(missing, failure.failed(), "missing at " + missingAt);
            assertEquals(java.util.Arrays.asList(enqueued).subList(0, missingAt), failure.dispatched(), "missing at " + missingAt);
            assertEquals(java.util.Arrays.asList(enqueued).subList(missingAt + 1, enqueued.length), failure.notAttempted(), "missing at " + missingAt);
        }
    }
}
