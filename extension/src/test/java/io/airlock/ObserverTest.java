package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.ClosingBatch;
import io.airlock.fixtures.Mailer;
import io.airlock.internal.observe.DispatchObserver;
import io.airlock.internal.observe.Observation;
import io.airlock.policy.BlockTasks;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the engine tells its observer, in plain Java: the hook the telemetry is built on. */
@ExtendWith(CleanAirlock.class)
class ObserverTest {

    /** Writes down every call, in order. */
    static final class Recording implements DispatchObserver {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void enqueued(Intent intent) {
            events.add("enqueued " + intent.name());
        }

        @Override
        public void dropped(Intent intent, String reason) {
            events.add("dropped " + intent.name() + " by " + reason);
        }

        @Override
        public void discarded(List<Intent> intents) {
            intents.forEach(i -> events.add("discarded " + i.name()));
        }

        @Override
        public long flushStarting() {
            events.add("flush");
            return 42;
        }

        @Override
        public void flushed(int count, long started) {
            events.add("flushed " + count + " from " + started);
        }

        @Override
        public Object dispatching(Intent intent, IntentExecutor executor) {
            events.add("dispatching " + intent.name() + " through " + executor);
            return "token-" + intent.name();
        }

        @Override
        public void handed(Object token) {
            events.add("handed " + token);
        }

        @Override
        public void dispatched(Object token, Intent intent, Throwable failure) {
            events.add("dispatched " + token + (failure == null ? "" : " failing with " + failure.getMessage()));
        }

        @Override
        public void retried(Intent intent, int failedAttempt, Throwable failure) {
            events.add("retried " + intent.name() + " after attempt " + failedAttempt);
        }

        @Override
        public Object processing(Intent intent) {
            events.add("processing " + intent.name());
            return "run-" + intent.name();
        }

        @Override
        public void processed(Object token, Intent intent, Throwable failure) {
            events.add("processed " + token + (failure == null ? "" : " failing with " + failure.getMessage()));
        }
    }

    final Recording recording = new Recording();
    final Airlock airlock = Airlock.get();

    @BeforeEach
    void install() {
        Observation.install(recording);
    }

    @AfterEach
    void uninstall() {
        Observation.uninstall();
    }

    @Test
    void anIntentIsEnqueuedDispatchedAndRun() {
        airlock.run(() -> airlock.enqueue(Mailer::ping));
        assertEquals(List.of("enqueued ping", "flush", "dispatching ping through sync", "processing ping", "processed run-ping",
                "handed token-ping", "dispatched token-ping", "flushed 1 from 42"), recording.events);
    }

    @Test
    void aPolicyDropNamesThePolicy() {
        airlock.scope().policy(new BlockTasks("ping")).run(() -> airlock.enqueue(Mailer::ping));
        assertEquals(List.of("enqueued ping", "flush", "dropped ping by BlockTasks", "flushed 0 from 42"), recording.events);
    }

    @Test
    void aDiscardedScopeReportsItsIntents() {
        assertThrows(IllegalStateException.class, () -> airlock.run(() -> {
            airlock.enqueue(Mailer::ping);
            throw new IllegalStateException("no");
        }));
        assertEquals(List.of("enqueued ping", "discarded ping"), recording.events);
    }

    @Test
    void aFailingTaskFailsItsRunAndItsDispatchAndARetryIsReported() {
        IntentExecutor retrying = IntentExecutor.sync().withRetry(2, io.airlock.executor.Backoff.none());
        assertThrows(IllegalStateException.class, () -> airlock.scope().executor(retrying)
                .run(() -> airlock.enqueue("boom", () -> {
                    throw new IllegalStateException("boom");
                })));
        assertEquals(List.of("enqueued boom", "flush", "dispatching boom through retry(sync, 2)", "processing boom",
                "processed run-boom failing with boom", "retried boom after attempt 1", "processing boom", "processed run-boom failing with boom",
                "dispatched token-boom failing with boom", "flushed 1 from 42"), recording.events);
    }

    /** A flush whose transaction can no longer be bound (it is completing): its intents are counted dropped, not attempted. */
    @Test
    void theIntentsOfAFlushThatCannotBeDispatchedAreDropped() {
        boolean[] completing = {false};
        io.airlock.spi.TransactionSupport support = () -> {
            if (completing[0]) {
                throw new UsageException("the transaction is preparing");
            }
            return null;
        };
        airlock.configure(c -> c.withTransactionSupport(support));
        try {
            UsageException e = assertThrows(UsageException.class, () -> airlock.run(() -> {
                airlock.enqueue("a", () -> { });
                airlock.enqueue("b", () -> { });
                completing[0] = true;
            }));
            assertTrue(e.getMessage().contains("2 intent(s) [a(), b()]") && e.getMessage().contains("preparing"), e.getMessage());
            assertEquals(List.of("enqueued a", "enqueued b", "flush", "dropped a by not attempted", "dropped b by not attempted", "flushed 2 from 42"),
                    recording.events);
        } finally {
            airlock.resetConfiguration();
        }
    }

    /** observability.md: the intents a failure left not attempted never escaped; the failed flush is timed too. */
    @Test
    void theIntentsAFailureLeftNotAttemptedAreDropped() {
        assertThrows(IllegalStateException.class, () -> airlock.run(() -> {
            airlock.enqueue("a", () -> { });
            airlock.enqueue("boom", () -> {
                throw new IllegalStateException("boom");
            });
            airlock.enqueue("c", () -> { });
        }));
        assertEquals(List.of("enqueued a", "enqueued boom", "enqueued c", "flush", "dispatching a through sync", "processing a", "processed run-a",
                "handed token-a", "dispatching boom through sync", "processing boom", "processed run-boom failing with boom",
                "dispatched token-boom failing with boom", "dispatched token-a", "dropped c by not attempted", "flushed 3 from 42"), recording.events);
    }

    static Stream<Arguments> commits() {
        return Stream.of(
                Arguments.of(new ClosingBatch("commits", taken -> null), List.of(
                        "dispatched token-a", "dispatched token-b", "dispatched token-c")),
                Arguments.of(new ClosingBatch("rolls back", taken -> new BatchRolledBackException(taken, "commit failed", null)), List.of(
                        "dispatched token-a failing with commit failed", "dispatched token-b failing with commit failed",
                        "dispatched token-c failing with commit failed")),
                Arguments.of(new ClosingBatch("undoes the second", taken -> new BatchRolledBackException(List.of(taken.get(1)), "commit failed", null)),
                        List.of("dispatched token-a", "dispatched token-b failing with commit failed", "dispatched token-c")),
                Arguments.of(new ClosingBatch("composed", taken -> {
                    IllegalStateException thrown = new IllegalStateException("one part failed");
                    thrown.addSuppressed(new BatchRolledBackException(List.of(taken.get(0), taken.get(2)), "part rolled back", null));
                    return thrown;
                }), List.of("dispatched token-a failing with one part failed", "dispatched token-b", "dispatched token-c failing with one part failed")),
                Arguments.of(new ClosingBatch("close fails, nothing undone", taken -> new IllegalStateException("close failed")), List.of(
                        "dispatched token-a", "dispatched token-b", "dispatched token-c")));
    }

    @ParameterizedTest(name = "a batch that {0}")
    @MethodSource("commits")
    void eachSendOfABatchIsReportedWithTheOutcomeOfItsCommit(ClosingBatch executor, List<String> outcomes) {
        try {
            airlock.scope().executor(executor).run(() -> {
                airlock.enqueue("a", () -> { });
                airlock.enqueue("b", () -> { });
                airlock.enqueue("c", () -> { });
            });
        } catch (RuntimeException thrownToTheCaller) {
            // a failed commit is thrown to the flushing caller: what matters here is what the observer was told
        }
        List<String> sends = recording.events.stream().filter(e -> e.startsWith("handed") || e.startsWith("dispatched")).toList();
        List<String> expected = new java.util.ArrayList<>(List.of("handed token-a", "handed token-b", "handed token-c"));
        expected.addAll(outcomes);
        assertEquals(expected, sends, "every send is handed first, and has its outcome when the batch closes");
    }

    /** An error of the application's own kind. */
    static final class WedgedError extends Error {
        WedgedError(String message) {
            super(message);
        }
    }

    static Stream<Error> errors() {
        return Stream.of(new AssertionError("wedged"), new StackOverflowError("wedged"), new OutOfMemoryError("wedged"),
                new NoClassDefFoundError("wedged"), new ExceptionInInitializerError("wedged"), new WedgedError("wedged"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void anErrorFromTheExecutorEndsItsDispatchAndTheBatchesEarlierSendsAndGoesOn(Error error) {
        IntentExecutor wedging = new IntentExecutor() {
            @Override
            public void execute(Intent intent) {
                if (intent.name().equals("b")) {
                    throw error;
                }
            }

            @Override
            public String toString() {
                return "wedging";
            }
        };
        Error thrown = assertThrows(Error.class, () -> airlock.scope().executor(wedging).run(() -> {
            airlock.enqueue("a", () -> { });
            airlock.enqueue("b", () -> { });
            airlock.enqueue("c", () -> { });
        }));
        assertSame(error, thrown, "the error reaches the caller as it is");
        List<String> sends = recording.events.stream().filter(e -> e.startsWith("dispatch") || e.startsWith("handed")).toList();
        assertEquals(List.of("dispatching a through wedging", "handed token-a", "dispatching b through wedging", "dispatched token-b failing with wedged",
                "dispatched token-a"), sends, "the failed dispatch is ended, and the one before it once its batch closed");
    }

    @ParameterizedTest
    @MethodSource("errors")
    void anErrorOpeningTheBatchEndsTheDispatch(Error error) {
        IntentExecutor unopenable = new IntentExecutor() {
            @Override
            public void execute(Intent intent) {
            }

            @Override
            public Batch openBatch(List<Intent> intents) {
                throw error;
            }

            @Override
            public String toString() {
                return "unopenable";
            }
        };
        assertSame(error, assertThrows(Error.class, () -> airlock.scope().executor(unopenable).run(() -> airlock.enqueue("a", () -> { }))));
        assertEquals(List.of("dispatching a through unopenable", "dispatched token-a failing with wedged"),
                recording.events.stream().filter(e -> e.startsWith("dispatch") || e.startsWith("handed")).toList());
    }

    @Test
    void withoutAnObserverTheEngineTalksToTheNoOp() {
        Observation.uninstall();
        airlock.run(() -> airlock.enqueue(Mailer::ping));
        assertEquals(List.of(), recording.events);
        assertEquals(0, DispatchObserver.NONE.flushStarting());
    }
}
