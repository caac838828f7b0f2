package io.airlock.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.DispatchFailure;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The executor fails in the middle of 1,000 random batches: the failure event and the log name exactly the
 * intents that were dispatched and those that were not; nothing is reported as sent that was not.
 */
@ExtendWith(CleanAirlock.class)
class FaultInjectionTest {

    /** A task type for the batches; the executor under test decides what happens. */
    static final class Target {
        void work(Integer batch, Integer index) {
        }
    }

    @Test
    void failuresNameExactlyWhatWasAndWasNotDispatched() {
        Airlock airlock = Airlock.get();
        SplittableRandom random = new SplittableRandom(8);
        List<Intent> executed = new ArrayList<>();
        List<DispatchFailure> failures = new ArrayList<>();
        int batches = 1_000;
        int failedBatches = 0;
        int wrongReports = 0;
        int intents = 0;
        try (LogCapture log = new LogCapture()) {
            airlock.configure(c -> c.withFailureListener(failures::add));
            for (int b = 0; b < batches; b++) {
                int size = 1 + random.nextInt(20);
                int failAt = random.nextInt(3) == 0 ? -1 : random.nextInt(size);
                intents += size;
                executed.clear();
                failures.clear();
                log.clear();
                Integer batch = b;
                IntentExecutor flaky = intent -> {
                    if ((Integer) intent.args().get(1) == failAt) {
                        throw new IllegalStateException("broker down at " + failAt);
                    }
                    executed.add(intent);
                };
                List<Intent> enqueued = new ArrayList<>();
                try {
                    airlock.scope().executor(flaky).run(() -> {
                        for (int i = 0; i < size; i++) {
                            enqueued.add(airlock.enqueue(Target::work, batch, i));
                        }
                    });
                } catch (IllegalStateException expected) {
                    failedBatches++;
                }
                if (failAt < 0) {
                    wrongReports += failures.isEmpty() && executed.equals(enqueued) ? 0 : 1;
                    continue;
                }
                List<LogRecord> logged = log.records().stream().filter(r -> r.getLevel() == Level.SEVERE).toList();
                DispatchFailure failure = failures.get(0);
                boolean exact = failures.size() == 1
                        && failure.failed() == enqueued.get(failAt)
                        && failure.dispatched().equals(enqueued.subList(0, failAt))
                        && failure.dispatched().equals(executed)
                        && failure.notAttempted().equals(enqueued.subList(failAt + 1, size))
                        && logged.size() == 1
                        && logged.get(0).getMessage().contains("not attempted: " + enqueued.subList(failAt + 1, size))
                        && logged.get(0).getMessage().contains("dispatched before it: " + enqueued.subList(0, failAt));
                wrongReports += exact ? 0 : 1;
            }
        }
        System.out.printf("faults: %d batches, %d intents, %d batches failed mid-way, %d failure reports that were not exact%n", batches,
                intents, failedBatches, wrongReports);
        assertEquals(0, wrongReports);
        assertTrue(failedBatches > 500);
        assertSame(airlock, Airlock.get());
    }
}
