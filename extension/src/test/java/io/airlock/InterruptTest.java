package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.executor.Backoff;
import io.airlock.fixtures.CleanAirlock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An interrupt, in a task or during a retry's backoff, stays visible to the caller and stops the retries. */
@ExtendWith(CleanAirlock.class)
class InterruptTest {

    static final AtomicInteger RUNS = new AtomicInteger();
    static int failFirst;

    public static class Worker {
        public void interrupted(String why) throws InterruptedException {
            RUNS.incrementAndGet();
            throw new InterruptedException(why);
        }

        public void flaky(String what) {
            if (RUNS.incrementAndGet() <= failFirst) {
                throw new IllegalStateException("not yet: " + what);
            }
        }
    }

    private final Airlock airlock = Airlock.get();

    @BeforeEach
    @AfterEach
    void clear() {
        RUNS.set(0);
        failFirst = 0;
        Thread.interrupted();
    }

    @Test
    void anInterruptedTaskLeavesTheThreadInterrupted() {
        DispatchException e = assertThrows(DispatchException.class, () -> airlock.run(() -> airlock.enqueue(Worker::interrupted, "shutdown")));
        assertTrue(e.getCause() instanceof InterruptedException, e.toString());
        assertTrue(Thread.currentThread().isInterrupted());
    }

    @Test
    void anInterruptedTaskIsNotRetried() {
        for (int attempts : new int[] {2, 3, 10}) {
            clear();
            IntentExecutor retrying = IntentExecutor.sync().withRetry(attempts, Backoff.fixed(Duration.ofMillis(1)));
            assertThrows(DispatchException.class, () -> airlock.scope().executor(retrying).run(() -> airlock.enqueue(Worker::interrupted, "x")));
            assertEquals(1, RUNS.get(), attempts + " attempts");
            assertTrue(Thread.currentThread().isInterrupted());
        }
    }

    @Test
    void anInterruptDuringTheBackoffStopsTheRetriesAndIsKept() {
        failFirst = 1;
        IntentExecutor retrying = IntentExecutor.sync().withRetry(3, Backoff.fixed(Duration.ofSeconds(10)));
        Thread.currentThread().interrupt(); // the pool is shutting down
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> airlock.scope().executor(retrying).run(() -> airlock.enqueue(Worker::flaky, "x")));
        assertEquals(1, RUNS.get());
        assertTrue(Thread.currentThread().isInterrupted());
        assertTrue(e.getMessage().contains("not yet"), e.toString());
    }

    /** An interrupt is not a failure to fall back from: whether the task, the hand-over or the thread was interrupted, nothing more runs. */
    @Test
    void anInterruptedAttemptDoesNotFallBack() {
        AtomicInteger secondary = new AtomicInteger();
        IntentExecutor fallback = intent -> {
            secondary.incrementAndGet();
            intent.invoke();
        };
        IntentExecutor handOverInterrupted = intent -> {
            throw new InterruptedException("hand-over interrupted");
        };
        IntentExecutor[] primaries = {IntentExecutor.sync(), handOverInterrupted};
        for (IntentExecutor primary : primaries) {
            clear();
            secondary.set(0);
            IntentExecutor executor = primary.orElse(fallback);
            assertThrows(DispatchException.class, () -> airlock.scope().executor(executor).run(() -> airlock.enqueue(Worker::interrupted, "x")));
            assertEquals(0, secondary.get(), primary + ": no fallback");
            assertTrue(Thread.currentThread().isInterrupted(), primary + ": the interrupt is kept");
        }
        clear();
        secondary.set(0);
        failFirst = 1;
        Thread.currentThread().interrupt(); // the pool is shutting down while the primary fails
        assertThrows(IllegalStateException.class,
                () -> airlock.scope().executor(IntentExecutor.sync().orElse(fallback)).run(() -> airlock.enqueue(Worker::flaky, "x")));
        assertEquals(0, secondary.get());
        assertTrue(Thread.currentThread().isInterrupted());
        clear();
        failFirst = 1;
        airlock.scope().executor(IntentExecutor.sync().orElse(fallback)).run(() -> airlock.enqueue(Worker::flaky, "x"));
        assertEquals(1, secondary.get(), "without an interrupt, the fallback runs");
    }

    @Test
    void withoutAnInterruptTheRetriesGoOn() {
        failFirst = 2;
        IntentExecutor retrying = IntentExecutor.sync().withRetry(3, Backoff.fixed(Duration.ofMillis(1)));
        airlock.scope().executor(retrying).run(() -> airlock.enqueue(Worker::flaky, "x"));
        assertEquals(3, RUNS.get());
        assertTrue(!Thread.currentThread().isInterrupted());
    }
}
