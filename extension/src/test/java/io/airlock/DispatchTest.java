package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.executor.Backoff;
import io.airlock.fixtures.Calls;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.Mailer;
import io.airlock.fixtures.Warehouse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CleanAirlock.class)
class DispatchTest {

    private final Airlock airlock = Airlock.get();

    @Test
    void dispatchIsFailFastAndTheScopeStaysFlushed() {
        List<DispatchFailure> failures = new ArrayList<>();
        airlock.configure(c -> c.withFailureListener(failures::add));
        Scope scope = airlock.scope().open();
        Intent a = airlock.enqueue(Warehouse::reserve, 1L);
        Intent b = airlock.enqueue(Mailer::explode, "broker down");
        Intent c = airlock.enqueue(Warehouse::reserve, 3L);
        scope.exit();
        IllegalStateException e = assertThrows(IllegalStateException.class, scope::flush);
        assertEquals("broker down", e.getMessage(), "the executor's exception propagates unchanged");
        assertEquals(List.of("reserve(1)", "explode(broker down)"), Calls.all(), "the intent after the failure is never attempted");
        assertTrue(scope.isFlushed());
        assertThrows(ScopeStateException.class, scope::flush, "a half-dispatched batch is never retried");

        assertEquals(1, failures.size());
        DispatchFailure failure = failures.get(0);
        assertSame(b, failure.failed());
        assertSame(e, failure.cause());
        assertEquals(List.of(a), failure.dispatched());
        assertEquals(List.of(c), failure.notAttempted());
        assertFalse(failure.afterCompletion());
    }

    /** The sync executor runs a task outside the scope that flushed it: what the task enqueues goes where the task runs. */
    @Test
    void aTaskRunBySyncEnqueuesIntoTheScopeCurrentWhereItRuns() {
        List<DispatchFailure> failures = new ArrayList<>();
        airlock.configure(c -> c.withFailureListener(failures::add));
        NoScopeException none = assertThrows(NoScopeException.class, () -> airlock.run(() ->
                airlock.enqueue("cascade", () -> airlock.enqueue(Warehouse::reserve, 7L))));
        assertEquals(1, failures.size(), "no scope where the task runs: its enqueue fails the dispatch, and is reported");
        assertSame(none, failures.get(0).cause());

        Scope outer = new Scope() {   // lets nested scopes flush on their own
            @Override
            public List<Intent> beforeDescendantFlushes(Scope exitingScope, List<Intent> intents) {
                return intents;
            }
        }.enter();
        airlock.run(() -> airlock.enqueue("cascade", () -> airlock.enqueue(Warehouse::reserve, 8L)));
        assertEquals(List.of(), Calls.all(), "the cascade ran, and its intent waits in the enclosing scope");
        assertEquals(1, outer.intents().size());
        outer.exit();
        outer.flush();
        assertEquals(List.of("reserve(8)"), Calls.all());
    }

    @Test
    void aCheckedFailureIsWrappedNamingTheIntent() {
        DispatchException e = assertThrows(DispatchException.class, () -> airlock.run(() -> airlock.enqueue(Mailer::fail, "smtp")));
        assertTrue(e.getMessage().contains("fail(\"smtp\")"), e.getMessage());
        assertTrue(e.getCause() instanceof IOException);
    }

    @Test
    void aFailingListenerDoesNotHideTheDispatchFailure() {
        airlock.configure(c -> c.withFailureListener(f -> {
            throw new IllegalStateException("listener broke");
        }));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> airlock.run(() -> airlock.enqueue(Mailer::explode, "x")));
        assertEquals("x", e.getMessage());
    }

    @Test
    void aCustomExecutorSeesEachIntentWithItsOptions() {
        List<String> seen = new ArrayList<>();
        IntentExecutor recording = intent -> seen.add(intent.name() + "@" + intent.options().priority().orElse(-1));
        airlock.scope().executor(recording).run(() -> {
            airlock.options(DispatchOptions.builder().priority(8).build()).enqueue(Mailer::ping);
            airlock.enqueue(Warehouse::reserve, 1L);
        });
        assertEquals(List.of("ping@8", "reserve@-1"), seen);
        assertEquals(List.of(), Calls.all(), "the custom executor decided not to run the tasks");
    }

    @Test
    void retryTriesAgainThenGivesUp() {
        AtomicInteger attempts = new AtomicInteger();
        IntentExecutor flaky = intent -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("try again");
            }
            intent.invoke();
        };
        List<Integer> waited = new ArrayList<>();
        Backoff recordingBackoff = retry -> {
            waited.add(retry);
            return Duration.ZERO;
        };
        airlock.scope().executor(flaky.withRetry(3, recordingBackoff)).run(() -> airlock.enqueue(Mailer::ping));
        assertEquals(3, attempts.get());
        assertEquals(List.of(1, 2), waited);
        assertEquals(List.of("ping()"), Calls.all());

        attempts.set(-10);
        DispatchException e = assertThrows(DispatchException.class,
                () -> airlock.scope().executor(flaky.withRetry(2, Backoff.none())).run(() -> airlock.enqueue(Mailer::ping)));
        assertEquals(1, e.getCause().getSuppressed().length, "the earlier failure is kept");
        assertThrows(IllegalArgumentException.class, () -> flaky.withRetry(0, Backoff.none()));
    }

    @Test
    void backoffShapes() {
        assertEquals(Duration.ofMillis(100), Backoff.fixed(Duration.ofMillis(100)).before(5));
        Backoff exp = Backoff.exponential(Duration.ofMillis(100), Duration.ofMillis(350));
        assertEquals(Duration.ofMillis(100), exp.before(1));
        assertEquals(Duration.ofMillis(200), exp.before(2));
        assertEquals(Duration.ofMillis(350), exp.before(3));
        assertEquals(Duration.ofMillis(350), exp.before(40));
    }

    @Test
    void fallbackUsesTheSecondaryWhenThePrimaryFails() {
        IntentExecutor down = intent -> {
            throw new IOException("broker down");
        };
        airlock.scope().executor(down.orElse(IntentExecutor.sync())).run(() -> airlock.enqueue(Mailer::ping));
        assertEquals(List.of("ping()"), Calls.all());

        IOException e = assertThrows(IOException.class, () -> down.orElse(intent -> {
            throw new IOException("secondary down");
        }).execute(null));
        assertEquals("secondary down", e.getMessage());
        assertEquals("broker down", e.getSuppressed()[0].getMessage());
    }

    @Test
    void routeChoosesByPredicate() {
        List<String> queued = new ArrayList<>();
        IntentExecutor heavy = intent -> queued.add(intent.name());
        IntentExecutor router = IntentExecutor.route(i -> i.options().get("heavy").isPresent(), heavy, IntentExecutor.sync());
        airlock.scope().executor(router).run(() -> {
            airlock.enqueue(Mailer::ping);
            airlock.options(DispatchOptions.builder().set("heavy", true).build()).enqueue(Warehouse::reserve, 9L);
        });
        assertEquals(List.of("ping()"), Calls.all());
        assertEquals(List.of("reserve"), queued);
    }

    @Test
    void aSubclassCanDeferDispatch() {
        List<Runnable> later = new ArrayList<>();
        class Deferring extends Scope {
            Deferring(Policy p, IntentExecutor e) {
                super(p, e);
            }

            @Override
            protected void dispatch(List<Intent> intents) {
                later.add(() -> super.dispatch(intents));
            }
        }
        airlock.scope().type(Deferring::new).run(() -> airlock.enqueue(Mailer::ping));
        assertEquals(List.of(), Calls.all());
        later.forEach(Runnable::run);
        assertEquals(List.of("ping()"), Calls.all());
    }

    /** Shares one "connection" per flush and checks every intent before sending any. */
    static final class BatchingExecutor implements IntentExecutor {
        final List<String> events = new ArrayList<>();

        @Override
        public void execute(Intent intent) {
            events.add("alone " + intent.name());
        }

        @Override
        public Batch openBatch(List<Intent> intents) {
            for (Intent i : intents) {
                if (i.args().contains("uncarriable")) {
                    throw new UndeliverableIntentException(i, "cannot carry " + i, null);
                }
            }
            events.add("open " + intents.size());
            return new Batch() {
                @Override
                public void execute(Intent intent) {
                    events.add("send " + intent);
                }

                @Override
                public void close() {
                    events.add("close");
                }
            };
        }
    }

    @Test
    void oneBatchPerFlushOpenedBeforeTheFirstIntentAndClosedAfterTheLast() {
        BatchingExecutor executor = new BatchingExecutor();
        airlock.scope().executor(executor).run(() -> {
            airlock.enqueue(Mailer::sendReminder, 1L);
            airlock.enqueue(Mailer::sendReminder, 2L);
        });
        assertEquals(List.of("open 2", "send sendReminder(1)", "send sendReminder(2)", "close"), executor.events);
    }

    @Test
    void anUndeliverableIntentStopsTheBatchBeforeAnythingIsSent() {
        BatchingExecutor executor = new BatchingExecutor();
        List<DispatchFailure> failures = new ArrayList<>();
        airlock.configure(c -> c.withFailureListener(failures::add));
        UndeliverableIntentException e = assertThrows(UndeliverableIntentException.class, () -> airlock.scope().executor(executor).run(() -> {
            airlock.enqueue(Mailer::sendConfirmation, 1L, "fine");
            airlock.enqueue(Mailer::sendConfirmation, 2L, "uncarriable");
            airlock.enqueue(Mailer::sendConfirmation, 3L, "fine");
        }));
        assertEquals(List.of(), executor.events, "nothing sent");
        assertEquals("sendConfirmation(2, \"uncarriable\")", e.intent().toString());
        DispatchFailure failure = failures.get(0);
        assertSame(e.intent(), failure.failed());
        assertEquals(List.of(), failure.dispatched());
        assertEquals(List.of("sendConfirmation(1, \"fine\")", "sendConfirmation(3, \"fine\")"),
                failure.notAttempted().stream().map(Intent::toString).toList());
    }

    @Test
    void theBatchIsClosedAfterAFailure() {
        List<String> events = new ArrayList<>();
        IntentExecutor failing = new IntentExecutor() {
            @Override
            public void execute(Intent intent) {
            }

            @Override
            public Batch openBatch(List<Intent> intents) {
                return new Batch() {
                    @Override
                    public void execute(Intent intent) {
                        throw new IllegalStateException("broker down");
                    }

                    @Override
                    public void close() {
                        events.add("closed");
                    }
                };
            }
        };
        assertThrows(IllegalStateException.class, () -> airlock.scope().executor(failing).run(() -> airlock.enqueue(Mailer::ping)));
        assertEquals(List.of("closed"), events);
    }
}
