package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.BatchRolledBackException;
import io.airlock.DispatchFailure;
import io.airlock.Intent;
import io.airlock.executor.Backoff;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.internal.observe.DispatchObserver;
import io.airlock.internal.observe.Observation;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Shipping;
import jakarta.jms.JMSContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A batch sent through {@link JmsContextSource#transacted}: one local transaction per flush against a real
 * embedded Artemis, committed once; a failure mid-batch commits what went before it; a failed commit reports the
 * whole batch as not dispatched.
 */
@ExtendWith(CleanAirlock.class)
class JmsTransactedBatchTest {

    static final String QUEUE = "airlock.transacted";

    Broker broker;
    Airlock airlock = Airlock.get();
    final List<DispatchFailure> failures = new CopyOnWriteArrayList<>();
    /** What the queue held when each commit began, one entry per commit. */
    final List<Long> visibleAtCommit = new CopyOnWriteArrayList<>();
    /** Stops the broker between the batch's last send and its commit. */
    volatile boolean brokerDiesBeforeCommit;

    /** The transacted source with a hook at its commit, as a test needs it; everything else is Artemis' own. */
    JmsContextSource source() {
        JmsContextSource transacted = JmsContextSource.transacted(broker.connectionFactory());
        return new JmsContextSource() {
            @Override
            public JMSContext open() {
                return transacted.open();
            }

            @Override
            public void commit(JMSContext context) {
                visibleAtCommit.add(broker.count(QUEUE));
                if (brokerDiesBeforeCommit) {
                    try {
                        broker.stop();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                transacted.commit(context);
            }
        };
    }

    @BeforeEach
    void start() throws Exception {
        broker = Broker.start(17);
        airlock.configure(c -> c.withFailureListener(failures::add));
    }

    @AfterEach
    void stop() throws Exception {
        broker.stop();
    }

    JmsIntentExecutor executor() {
        return JmsIntentExecutor.builder().contextSource(source()).queueName(QUEUE).build();
    }

    @Test
    void aBatchIsCommittedOnceAndNothingIsVisibleBeforeItsEnd() {
        JmsIntentExecutor jms = executor();
        airlock.scope().executor(jms).run(() -> {
            for (long i = 0; i < 5; i++) {
                airlock.enqueue(Shipping::ship, i, "street " + i);
            }
        });
        assertEquals(List.of(0L), visibleAtCommit, "one commit, and no message visible before it");
        assertEquals(5, broker.settledCount(QUEUE));
        assertEquals(List.of(), failures);
    }

    @Test
    void theDefaultSourceIsNotTransacted() {
        // documented decision: builder().connectionFactory(cf) may be a server's factory, which forbids local transactions
        JmsIntentExecutor jms = JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueName(QUEUE).build();
        List<Long> seen = new ArrayList<>();
        airlock.scope().executor(jms).run(() -> {
            airlock.enqueue(Shipping::ship, 1L, "a");
            airlock.enqueue("look", () -> seen.add(broker.settledCount(QUEUE)));
            airlock.enqueue(Shipping::ship, 2L, "b");
        });
        assertEquals(List.of(1L), seen, "each message is delivered when its send returns");
        assertEquals(2, broker.settledCount(QUEUE));
    }

    @Test
    void aFailureMidBatchCommitsWhatWentBeforeItAndNamesTheRestAsNotAttempted() {
        JmsIntentExecutor jms = executor();
        List<Intent> enqueued = new ArrayList<>();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> airlock.scope().executor(jms).run(() -> {
            enqueued.add(airlock.enqueue(Shipping::ship, 1L, "a"));
            enqueued.add(airlock.enqueue(Shipping::ship, 2L, "b"));
            // an in-process task in its place in the batch: it fails as a send would, and stops the batch
            enqueued.add(airlock.enqueue("label printer", () -> {
                throw new IllegalStateException("label printer jammed");
            }));
            enqueued.add(airlock.enqueue(Shipping::ship, 3L, "c"));
        }));
        assertEquals("label printer jammed", thrown.getMessage());
        assertEquals(List.of(0L), visibleAtCommit, "committed once, after the failure, before the report");
        assertEquals(2, broker.settledCount(QUEUE), "what went before the failure reached the broker");
        assertEquals(1, failures.size());
        DispatchFailure failure = failures.get(0);
        assertEquals(enqueued.subList(0, 2), failure.dispatched());
        assertSame(enqueued.get(2), failure.failed());
        assertEquals(enqueued.subList(3, 4), failure.notAttempted());
    }

    @Test
    void aFailedCommitReportsTheWholeBatchAsNotDispatched() {
        JmsIntentExecutor jms = executor();
        brokerDiesBeforeCommit = true;
        List<Intent> enqueued = new ArrayList<>();
        BatchRolledBackException thrown = assertThrows(BatchRolledBackException.class, () -> airlock.scope().executor(jms).run(() -> {
            for (long i = 0; i < 4; i++) {
                enqueued.add(airlock.enqueue(Shipping::ship, i, "street " + i));
            }
        }));
        assertEquals(enqueued, thrown.intents());
        assertTrue(thrown.getMessage().contains("did not commit") && thrown.getMessage().contains("4 message(s)"), thrown.getMessage());
        assertEquals(1, failures.size());
        DispatchFailure failure = failures.get(0);
        assertEquals(List.of(), failure.dispatched(), "nothing reached the broker");
        assertSame(enqueued.get(0), failure.failed(), "the first message stands for the failed commit");
        assertSame(thrown, failure.cause());
        assertEquals(enqueued.subList(1, 4), failure.notAttempted());
    }

    @Test
    void theObserverCountsASendOnlyWithTheOutcomeOfItsBatchsCommit() {
        List<String> outcomes = new CopyOnWriteArrayList<>();
        Observation.install(new DispatchObserver() {
            @Override
            public Object dispatching(Intent intent, io.airlock.IntentExecutor executor) {
                return intent;
            }

            @Override
            public void dispatched(Object token, Intent intent, Throwable failure) {
                outcomes.add(intent.args().get(1) + (failure == null ? " sent" : " undone by " + failure.getClass().getSimpleName()));
            }
        });
        try {
            JmsIntentExecutor jms = executor();
            airlock.scope().executor(jms).run(() -> airlock.enqueue(Shipping::ship, 1L, "committed"));
            brokerDiesBeforeCommit = true;
            assertThrows(BatchRolledBackException.class, () -> airlock.scope().executor(jms).run(() -> {
                airlock.enqueue(Shipping::ship, 2L, "first");
                airlock.enqueue(Shipping::ship, 3L, "second");
            }));
        } finally {
            Observation.uninstall();
        }
        assertEquals(List.of("committed sent", "first undone by BatchRolledBackException", "second undone by BatchRolledBackException"), outcomes,
                "the sends of the batch whose commit failed are not counted as dispatched");
    }

    @Test
    void aFailedCommitAfterAFailureMidBatchReportsNothingAsDispatched() {
        JmsIntentExecutor jms = executor();
        brokerDiesBeforeCommit = true;
        List<Intent> enqueued = new ArrayList<>();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> airlock.scope().executor(jms).run(() -> {
            enqueued.add(airlock.enqueue(Shipping::ship, 1L, "a"));
            enqueued.add(airlock.enqueue("label printer", () -> {
                throw new IllegalStateException("label printer jammed");
            }));
            enqueued.add(airlock.enqueue(Shipping::ship, 2L, "b"));
        }));
        assertInstanceOf(BatchRolledBackException.class, thrown.getSuppressed()[0], "the failed commit travels with the failure");
        DispatchFailure failure = failures.get(0);
        assertEquals(List.of(), failure.dispatched(), "the message sent before the failure did not commit");
        assertSame(enqueued.get(1), failure.failed());
        assertEquals(List.of(enqueued.get(0), enqueued.get(2)), failure.notAttempted());
    }

    @Test
    void aRetryingExecutorStillReportsAFailedCommitOfAnEarlierAttempt() {
        JmsIntentExecutor jms = executor();
        int[] calls = new int[1];
        List<Intent> enqueued = new ArrayList<>();
        brokerDiesBeforeCommit = true;
        assertThrows(RuntimeException.class, () -> airlock.scope().executor(jms.withRetry(2, Backoff.none())).run(() -> {
            enqueued.add(airlock.enqueue(Shipping::ship, 1L, "a"));
            enqueued.add(airlock.enqueue("flaky", () -> {
                if (calls[0]++ == 0) {
                    throw new IllegalStateException("flaky once");
                }
            }));
        }));
        DispatchFailure failure = failures.get(0);
        assertEquals(enqueued.subList(1, 2), failure.dispatched(), "the retried task ran; the first attempt's message did not commit");
        assertSame(enqueued.get(0), failure.failed());
    }
}
