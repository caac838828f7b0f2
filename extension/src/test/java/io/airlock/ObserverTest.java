package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.Mailer;
import io.airlock.internal.observe.DispatchObserver;
import io.airlock.internal.observe.Observation;
import io.airlock.policy.BlockTasks;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
                "dispatched token-ping", "flushed 1 from 42"), recording.events);
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
                "dispatched token-boom failing with boom"), recording.events);
    }

    @Test
    void withoutAnObserverTheEngineTalksToTheNoOp() {
        Observation.uninstall();
        airlock.run(() -> airlock.enqueue(Mailer::ping));
        assertEquals(List.of(), recording.events);
        assertEquals(0, DispatchObserver.NONE.flushStarting());
    }
}
