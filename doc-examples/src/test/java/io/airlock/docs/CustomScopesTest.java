package io.airlock.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.Policy;
import io.airlock.Scope;
import io.airlock.ScopeStateException;
import io.airlock.docs.shop.Calls;
import io.airlock.docs.shop.Mailer;
import io.airlock.docs.shop.Warehouse;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** docs/custom-scopes.md */
class CustomScopesTest extends DocTest {

    /** A failure after which the work done so far still counts. */
    static class PartialImportException extends RuntimeException {
        PartialImportException(String message) {
            super(message);
        }
    }

    // tag::shouldFlush[]
    /** Flushes on success and after a partial import; discards on any other exception. */
    public static class ImportScope extends Scope {
        public ImportScope(Policy policy, IntentExecutor executor) {
            super(policy, executor);
        }

        @Override
        public boolean shouldFlush(Throwable error) {
            return error == null || error instanceof PartialImportException;
        }
    }
    // end::shouldFlush[]

    // tag::holding[]
    /** Holds what it would dispatch until release(): for a job that sends only once every chunk is done. */
    public static class HoldingScope extends Scope {
        private final List<Intent> held = new ArrayList<>();

        public HoldingScope(Policy policy, IntentExecutor executor) {
            super(policy, executor);
        }

        @Override
        protected void dispatch(List<Intent> intents) {
            held.addAll(intents);   // policies have judged them; keep them instead of dispatching
        }

        public void release() {
            List<Intent> batch = List.copyOf(held);
            held.clear();
            super.dispatch(batch);  // now: or after the commit, when a transaction is active
        }
    }
    // end::holding[]

    @Test
    void partialImportStillFlushes() {
        PartialImportException thrown = assertThrows(PartialImportException.class, () -> {
            // tag::useShouldFlush[]
            airlock.scope().type(ImportScope::new).run(() -> {
                airlock.enqueue(Warehouse::reserveStock, 42L);
                throw new PartialImportException("row 7 of 10 is invalid");   // reserveStock(42) still runs
            });   // ... and then the PartialImportException reaches the caller
            // end::useShouldFlush[]
        });
        assertEquals("row 7 of 10 is invalid", thrown.getMessage());
        assertEquals(List.of("reserveStock(42)"), Calls.all());
    }

    @Test
    void deferred() {
        // tag::useHolding[]
        HoldingScope scope = (HoldingScope) airlock.scope().type(HoldingScope::new).open();
        airlock.enqueue(Mailer::sendReminder, 42L);
        scope.exit();
        scope.flush();     // judged, held: nothing ran
        // end::useHolding[]
        assertEquals(List.of(), Calls.all());
        // tag::useHolding[]
        scope.release();   // sendReminder(42) runs now
        // end::useHolding[]
        assertEquals(List.of("sendReminder(42)"), Calls.all());
    }

    @Test
    void applicationWide() {
        // tag::factory[]
        Airlock.get().configure(config -> config.withScopeFactory(ImportScope::new));   // every scope airlock opens
        // end::factory[]
        assertThrows(PartialImportException.class, () -> airlock.run(() -> {
            airlock.enqueue(Warehouse::reserveStock, 1L);
            throw new PartialImportException("x");
        }));
        assertEquals(List.of("reserveStock(1)"), Calls.all());
    }

    // tag::manual[]
    private static final Logger LOG = Logger.getLogger("shop.jobs");

    /** What an integration (a batch job listener, a message consumer) does around a unit of work. */
    static void inScope(Runnable work) {
        Scope scope = Airlock.get().scope().create().enter();
        Throwable error = null;
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            error = e;
            throw e;
        } finally {
            finish(scope, error);
        }
    }

    private static void finish(Scope scope, Throwable error) {
        try {
            if (scope.exitUnwinding()) {   // exit(), closing first any scope the work left open
                LOG.warning("the work left a scope open; its intents were not flushed");
            }
        } catch (ScopeStateException exitedByTheWork) {   // nothing left to flush; do not hide the work's error
            if (error == null) {
                throw exitedByTheWork;
            }
            error.addSuppressed(exitedByTheWork);
            return;
        }
        if (scope.shouldFlush(error)) {
            scope.flush();
        } else {
            scope.discard();
        }
    }
    // end::manual[]

    @Test
    void manualLifecycle() {
        inScope(() -> airlock.enqueue(Warehouse::reserveStock, 1L));
        assertThrows(UncheckedIOException.class, () -> inScope(() -> {
            airlock.enqueue(Warehouse::reserveStock, 2L);
            throw new UncheckedIOException(new java.io.IOException("disk"));
        }));
        assertEquals(List.of("reserveStock(1)"), Calls.all());
    }

    @Test
    void manualLifecycleTakesWhatTheWorkLeftOffTheThread() {
        inScope(() -> {
            airlock.enqueue(Warehouse::reserveStock, 1L);
            airlock.scope().open();   // never exited
            airlock.enqueue(Warehouse::reserveStock, 2L);
        });
        assertTrue(airlock.currentScope().isEmpty());
        UncheckedIOException failure = assertThrows(UncheckedIOException.class, () -> inScope(() -> {
            airlock.currentScope().orElseThrow().exit();
            throw new UncheckedIOException(new java.io.IOException("disk"));
        }));
        assertTrue(failure.getSuppressed()[0] instanceof ScopeStateException);
        assertTrue(airlock.currentScope().isEmpty());
        assertEquals(List.of("reserveStock(1)"), Calls.all());
    }
}
