package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.fixtures.Calls;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.ClosingBatch;
import io.airlock.fixtures.Mailer;
import io.airlock.fixtures.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A batch that commits in {@link IntentExecutor.Batch#close()}: closed before a failure is reported, and a
 * {@link BatchRolledBackException} from it reports what it undid as not dispatched, never as a logged warning.
 */
@ExtendWith(CleanAirlock.class)
class TransactedBatchReportTest {

    private final Airlock airlock = Airlock.get();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<DispatchFailure> failures = new CopyOnWriteArrayList<>();

    /** Runs each intent, "commits" in close; the commit fails when {@code commitFails}. */
    IntentExecutor transacted(boolean commitFails) {
        return new ClosingBatch("transacted", executed -> {
            events.add("commit " + executed.size());
            return commitFails && !executed.isEmpty()
                    ? new BatchRolledBackException(executed, "commit failed", new IllegalStateException("broker gone"))
                    : null;
        });
    }

    /** Runs each intent; its close fails, undoing nothing. */
    static IntentExecutor releaseFails() {
        return new ClosingBatch("release fails", executed -> new IllegalStateException("could not release the connection"));
    }

    void report() {
        airlock.configure(c -> c.withFailureListener(f -> {
            events.add("report");
            failures.add(f);
        }));
    }

    @Test
    void theBatchCommitsWhatWentBeforeAFailureBeforeItIsReported() {
        report();
        List<Intent> enqueued = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> airlock.scope().executor(transacted(false)).run(() -> {
            enqueued.add(airlock.enqueue(Warehouse::reserve, 1L));
            enqueued.add(airlock.enqueue(Mailer::explode, "down"));
            enqueued.add(airlock.enqueue(Warehouse::reserve, 3L));
        }));
        assertEquals(List.of("commit 1", "report"), events);
        assertEquals(List.of(enqueued.get(0)), failures.get(0).dispatched());
        assertSame(enqueued.get(1), failures.get(0).failed());
        assertEquals(List.of(enqueued.get(2)), failures.get(0).notAttempted());
    }

    @Test
    void aFailedCommitReportsTheBatchAsNotDispatchedAndReachesTheCaller() {
        report();
        List<Intent> enqueued = new ArrayList<>();
        BatchRolledBackException e = assertThrows(BatchRolledBackException.class, () -> airlock.scope().executor(transacted(true)).run(() -> {
            enqueued.add(airlock.enqueue(Warehouse::reserve, 1L));
            enqueued.add(airlock.enqueue(Warehouse::reserve, 2L));
        }));
        assertEquals(List.of("reserve(1)", "reserve(2)"), Calls.all(), "both were executed through the batch");
        assertEquals(List.of("commit 2", "report"), events);
        DispatchFailure failure = failures.get(0);
        assertSame(e, failure.cause());
        assertEquals(List.of(), failure.dispatched());
        assertSame(enqueued.get(0), failure.failed());
        assertEquals(List.of(enqueued.get(1)), failure.notAttempted());
    }

    @Test
    void aFailedCommitAfterAFailureIsAttachedToItAndUndoesWhatWentBefore() {
        report();
        List<Intent> enqueued = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> airlock.scope().executor(transacted(true)).run(() -> {
            enqueued.add(airlock.enqueue(Warehouse::reserve, 1L));
            enqueued.add(airlock.enqueue(Mailer::explode, "down"));
            enqueued.add(airlock.enqueue(Warehouse::reserve, 3L));
        }));
        assertEquals(BatchRolledBackException.class, e.getSuppressed()[0].getClass());
        DispatchFailure failure = failures.get(0);
        assertEquals(List.of(), failure.dispatched());
        assertSame(enqueued.get(1), failure.failed());
        assertEquals(List.of(enqueued.get(0), enqueued.get(2)), failure.notAttempted());
    }

    @Test
    void routedBatchesReportEveryIntentTheirFailedCommitsUndid() {
        report();
        List<Intent> enqueued = new ArrayList<>();
        IntentExecutor routed = IntentExecutor.route(i -> i.toString().contains("1"), transacted(true), transacted(true));
        assertThrows(BatchRolledBackException.class, () -> airlock.scope().executor(routed).run(() -> {
            enqueued.add(airlock.enqueue(Warehouse::reserve, 1L));
            enqueued.add(airlock.enqueue(Warehouse::reserve, 2L));
            enqueued.add(airlock.enqueue(Warehouse::reserve, 3L));
        }));
        DispatchFailure failure = failures.get(0);
        assertEquals(List.of(), failure.dispatched());
        assertSame(enqueued.get(0), failure.failed());
        assertEquals(enqueued.subList(1, 3), failure.notAttempted());
    }

    @Test
    void aFailedCommitBehindAnotherFailureOfAComposedBatchIsStillReported() {
        report();
        List<Intent> enqueued = new ArrayList<>();
        IntentExecutor releaseFails = releaseFails();
        // the route closes the first batch first: its plain failure carries the second's failed commit
        IntentExecutor routed = IntentExecutor.route(i -> i.toString().contains("1"), releaseFails, transacted(true));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> airlock.scope().executor(routed).run(() -> {
            enqueued.add(airlock.enqueue(Warehouse::reserve, 1L));
            enqueued.add(airlock.enqueue(Warehouse::reserve, 2L));
        }));
        assertEquals("could not release the connection", e.getMessage());
        DispatchFailure failure = failures.get(0);
        assertEquals(List.of(enqueued.get(0)), failure.dispatched());
        assertSame(enqueued.get(1), failure.failed());
        assertEquals(List.of(), failure.notAttempted());
    }

    @Test
    void anyOtherExceptionFromCloseIsOnlyLogged() {
        report();
        IntentExecutor closeFails = releaseFails();
        airlock.scope().executor(closeFails).run(() -> airlock.enqueue(Warehouse::reserve, 1L));
        assertEquals(List.of("reserve(1)"), Calls.all());
        assertEquals(List.of(), failures, "what was executed stays dispatched");
    }
}
