package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.executor.Backoff;
import io.airlock.fixtures.Calls;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.Mailer;
import io.airlock.fixtures.UnreadableFailure;
import io.airlock.fixtures.Warehouse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every failure is reported as it is, whatever it is: an {@link Error} from a task or an executor is a
 * {@link DispatchFailure} like an exception (and still propagates); an argument whose {@code toString()} throws
 * never replaces the failure a message is about; the same exception instance thrown twice (a client that rethrows a
 * cached failure) is never attached to itself, which would replace it with an {@code IllegalArgumentException}.
 */
@ExtendWith(CleanAirlock.class)
class FailureReportingTest {

    private final Airlock airlock = Airlock.get();
    private final List<DispatchFailure> failures = Collections.synchronizedList(new ArrayList<>());

    /** Task targets whose failure is an Error, or whose argument cannot be shown. */
    public static class Faulty {
        static Supplier<Error> next;

        public void fail(String what) {
            Calls.record("fail(" + what + ")");
            throw next.get();
        }

        public void take(Object value) {
            Calls.record("take");
        }

        public void explode(Object value) {
            Calls.record("explode");
            throw new IllegalStateException("task failed");
        }

        public void unreadable(String how) {
            Calls.record("unreadable(" + how + ")");
            throw new UnreadableFailure(how);
        }
    }

    static Stream<Arguments> unreadableFailures() {
        List<Arguments> cases = new ArrayList<>();
        for (String how : UnreadableFailure.WAYS) {
            cases.add(Arguments.of(how, "sync", IntentExecutor.sync()));
            cases.add(Arguments.of(how, "retried", IntentExecutor.sync().withRetry(2, Backoff.none())));
            cases.add(Arguments.of(how, "with a fallback that fails too", IntentExecutor.sync().orElse(IntentExecutor.sync())));
            cases.add(Arguments.of(how, "routed", IntentExecutor.route(i -> true, IntentExecutor.sync(), IntentExecutor.sync())));
        }
        return cases.stream();
    }

    /** A task's failure whose message or text throws propagates as it is and is reported, through every combinator; its report shows. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("unreadableFailures")
    void aFailureWhoseTextCannotBeReadIsReportedAndPropagatesAsItIs(String how, String label, IntentExecutor executor) {
        UnreadableFailure thrown = assertThrows(UnreadableFailure.class, () -> airlock.scope().executor(executor).run(() -> {
            airlock.enqueue(Faulty::unreadable, how);
            airlock.enqueue(Warehouse::reserve, 1L);
        }));
        assertEquals(how, thrown.how());
        assertEquals(1, failures.size(), label);
        DispatchFailure failure = failures.get(0);
        assertSame(thrown, failure.cause());
        assertEquals(List.of("reserve"), failure.notAttempted().stream().map(Intent::name).toList());
        assertTrue(failure.toString().contains(UnreadableFailure.class.getName()), failure.toString());
    }

    /** An argument whose toString fails, as a JPA entity's does when its lazy association outlived the session. */
    static final class Unprintable {
        @Override
        public String toString() {
            throw new IllegalStateException("could not initialize proxy - no Session");
        }
    }

    /** An argument whose toString recurses without end. */
    static final class Recursive {
        @Override
        public String toString() {
            return "r" + this;
        }
    }

    @BeforeEach
    void listen() {
        airlock.configure(c -> c.withFailureListener(failures::add));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("AssertionError", (Supplier<Error>) () -> new AssertionError("expected 1 but was 2")),
                Arguments.of("StackOverflowError", (Supplier<Error>) StackOverflowError::new),
                Arguments.of("NoClassDefFoundError", (Supplier<Error>) () -> new NoClassDefFoundError("com/example/SmtpClient")),
                Arguments.of("ExceptionInInitializerError", (Supplier<Error>) () -> new ExceptionInInitializerError("static init")),
                Arguments.of("an Error of the application's", (Supplier<Error>) () -> new Error("custom")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void anErrorFromATaskIsReportedAsADispatchFailureAndPropagates(String label, Supplier<Error> error) {
        Error[] thrown = new Error[1];
        Faulty.next = () -> thrown[0] = error.get();
        Throwable propagated = assertThrows(Throwable.class, () -> airlock.run(() -> {
            airlock.enqueue(Warehouse::reserve, 1L);
            airlock.enqueue(Faulty::fail, "smtp");
            airlock.enqueue(Warehouse::reserve, 2L);
        }));
        assertSame(thrown[0], propagated, label + " propagates as it is");
        assertEquals(List.of("reserve(1)", "fail(smtp)"), Calls.all(), "fail-fast");
        assertEquals(1, failures.size(), label + " is reported");
        DispatchFailure failure = failures.get(0);
        assertSame(thrown[0], failure.cause());
        assertEquals(List.of("reserve"), failure.dispatched().stream().map(Intent::name).toList());
        assertEquals(List.of("reserve"), failure.notAttempted().stream().map(Intent::name).toList());
        assertEquals("fail", failure.failed().name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void anErrorFromAnExecutorIsReportedAsADispatchFailureAndPropagates(String label, Supplier<Error> error) {
        Error made = error.get();
        IntentExecutor broken = intent -> {
            throw made;
        };
        Throwable propagated = assertThrows(Throwable.class, () -> airlock.scope().executor(broken).run(() -> airlock.enqueue(Mailer::ping)));
        assertSame(made, propagated);
        assertEquals(1, failures.size(), label);
        assertSame(made, failures.get(0).cause());
    }

    @Test
    void anArgumentWhoseToStringThrowsNeverReplacesTheFailure() {
        NoScopeException noScope = assertThrows(NoScopeException.class, () -> airlock.enqueue(Faulty::take, new Unprintable()));
        assertTrue(noScope.getMessage().contains("take(<" + Unprintable.class.getName() + ": toString() threw java.lang.IllegalStateException>)"),
                noScope.getMessage());

        IllegalStateException taskFailure = assertThrows(IllegalStateException.class,
                () -> airlock.run(() -> airlock.enqueue(Faulty::explode, new Unprintable())));
        assertEquals("task failed", taskFailure.getMessage());
        assertEquals(1, failures.size());
        assertEquals(List.of("explode"), Calls.all());

        assertThrows(NoScopeException.class, () -> airlock.enqueue(Faulty::take, new Recursive()));
        assertThrows(NoScopeException.class, () -> airlock.enqueue(Faulty::take, new CharSequence() {
            @Override
            public int length() {
                return 1;
            }

            @Override
            public char charAt(int index) {
                return 'x';
            }

            @Override
            public CharSequence subSequence(int start, int end) {
                return this;
            }

            @Override
            public String toString() {
                throw new UnsupportedOperationException("no text");
            }
        }));
        Intent shown = airlock.scope().policy(new io.airlock.policy.DropAll()).call(() -> airlock.enqueue(Faulty::take, new Unprintable()));
        assertTrue(shown.toString().startsWith("take(<"), shown.toString());
    }

    /** One instance thrown on every failed call, as a circuit breaker rethrows the failure that opened it. */
    static final IllegalStateException DOWN = new IllegalStateException("broker down");

    /**
     * A backoff that fails, gives null or a wait beyond a long of milliseconds never replaces the task's failure: a
     * broken backoff ends the retries with its failure attached; a wait too long to count is that long (an interrupt ends it).
     */
    @Test
    void aBackoffThatFailsNeverReplacesTheTasksFailure() {
        List<Backoff> broken = List.of(n -> null, n -> {
            throw new IllegalStateException("backoff bug");
        });
        for (Backoff backoff : broken) {
            failures.clear();
            Calls.clear();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> airlock.scope().executor(IntentExecutor.sync().withRetry(3, backoff))
                    .run(() -> airlock.enqueue(Faulty::explode, "x")));
            assertEquals("task failed", e.getMessage());
            assertEquals(1, e.getSuppressed().length, "the backoff's failure is attached");
            assertEquals(List.of("explode"), Calls.all(), "a broken backoff ends the retries");
        }
        for (Backoff endless : List.of(Backoff.fixed(java.time.temporal.ChronoUnit.FOREVER.getDuration()),
                Backoff.exponential(Duration.ofSeconds(Long.MAX_VALUE / 4), java.time.temporal.ChronoUnit.FOREVER.getDuration()))) {
            Calls.clear();
            java.util.concurrent.ScheduledExecutorService interrupter = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            Thread waiting = Thread.currentThread();
            interrupter.schedule(waiting::interrupt, 200, java.util.concurrent.TimeUnit.MILLISECONDS); // ends the endless wait
            try {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> airlock.scope().executor(IntentExecutor.sync().withRetry(3, endless)).run(() -> airlock.enqueue(Faulty::explode, "x")));
                assertEquals("task failed", e.getMessage(), "no overflow replaces it");
                assertEquals(List.of("explode"), Calls.all(), "the wait was under way when the interrupt ended it");
            } finally {
                interrupter.shutdownNow();
                Thread.interrupted();
            }
        }
        assertEquals(Duration.ofSeconds(3), Backoff.exponential(Duration.ofSeconds(Long.MAX_VALUE / 4), Duration.ofSeconds(3)).before(40));
    }

    @Test
    void aRetryMakesEveryAttemptWhenEachFailsWithTheSameInstance() {
        AtomicInteger attempts = new AtomicInteger();
        IntentExecutor flaky = intent -> {
            if (attempts.incrementAndGet() < 3) {
                throw DOWN;
            }
            intent.invoke();
        };
        airlock.scope().executor(flaky.withRetry(3, Backoff.none())).run(() -> airlock.enqueue(Mailer::ping));
        assertEquals(3, attempts.get());
        assertEquals(List.of("ping()"), Calls.all());

        IntentExecutor down = intent -> {
            throw DOWN;
        };
        assertSame(DOWN, assertThrows(RuntimeException.class,
                () -> airlock.scope().executor(down.withRetry(4, Backoff.none())).run(() -> airlock.enqueue(Mailer::ping))));
        assertSame(DOWN, failures.get(failures.size() - 1).cause());
    }

    @Test
    void aFallbackOrARouteFailingWithTheSameInstanceReportsIt() {
        IntentExecutor down = intent -> {
            throw DOWN;
        };
        IntentExecutor alsoDown = intent -> {
            throw DOWN;
        };
        assertSame(DOWN, assertThrows(RuntimeException.class,
                () -> airlock.scope().executor(down.orElse(alsoDown)).run(() -> airlock.enqueue(Mailer::ping))));
        assertSame(DOWN, assertThrows(RuntimeException.class,
                () -> airlock.scope().executor(IntentExecutor.route(i -> true, down, alsoDown)).run(() -> airlock.enqueue(Mailer::ping))));
        assertSame(DOWN, assertThrows(RuntimeException.class,
                () -> airlock.scope().executor(down.withRetry(2, Backoff.none()).orElse(alsoDown.withRetry(2, Backoff.none())))
                        .run(() -> airlock.enqueue(Mailer::ping))));
    }

    /** A block that fails, kept by dontDiscardOn, whose flush rethrows the very same instance: that instance propagates. */
    @Test
    void theBlocksExceptionPropagatesWhenTheFlushFailsWithTheSameInstance() {
        IntentExecutor rethrowing = intent -> {
            throw DOWN;
        };
        Throwable thrown = assertThrows(Throwable.class, () -> airlock.scope().executor(rethrowing).dontDiscardOn(IllegalStateException.class).run(() -> {
            airlock.enqueue(Mailer::ping);
            throw DOWN;
        }));
        assertSame(DOWN, thrown);
        assertEquals(0, DOWN.getSuppressed().length, "never attached to itself");
    }

    @Test
    void anExecutorWhoseOpenBatchReturnsNullIsNamed() {
        IntentExecutor broken = new IntentExecutor() {
            @Override
            public void execute(Intent intent) {
            }

            @Override
            public Batch openBatch(List<Intent> intents) {
                return null;
            }

            @Override
            public String toString() {
                return "brokenExecutor";
            }
        };
        UsageException e = assertThrows(UsageException.class, () -> airlock.scope().executor(broken).run(() -> airlock.enqueue(Mailer::ping)));
        assertTrue(e.getMessage().contains("brokenExecutor") && e.getMessage().contains("openBatch"), e.getMessage());
        assertEquals(1, failures.size());
        assertInstanceOf(UsageException.class, failures.get(0).cause());
    }
}
