package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.fixtures.Calls;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.Mailer;
import io.airlock.fixtures.Warehouse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CleanAirlock.class)
class ScopeLifecycleTest {

    private final Airlock airlock = Airlock.get();

    private Scope finishedWithOneIntent() {
        Scope scope = new Scope().enter();
        airlock.enqueue(Mailer::ping);
        scope.exit();
        return scope;
    }

    @Test
    void statesThroughTheLifecycle() {
        Scope scope = new Scope();
        assertFalse(scope.isActive());
        scope.enter();
        assertTrue(scope.isActive());
        airlock.enqueue(Mailer::ping);
        scope.exit();
        assertFalse(scope.isActive());
        assertFalse(scope.isFlushed());
        List<Intent> dispatched = scope.flush();
        assertTrue(scope.isFlushed());
        assertFalse(scope.isDiscarded());
        assertEquals(List.of("ping"), dispatched.stream().map(Intent::name).toList());
        assertEquals(List.of("ping()"), Calls.all());
    }

    @Test
    void flushTwiceFails() {
        Scope scope = finishedWithOneIntent();
        scope.flush();
        ScopeStateException e = assertThrows(ScopeStateException.class, scope::flush);
        assertTrue(e.getMessage().contains("already been flushed"), e.getMessage());
        assertEquals(List.of("ping()"), Calls.all(), "nothing dispatched twice");
    }

    /** A scope whose flush decision fails. */
    static class Undecided extends Scope {
        static Undecided last;

        Undecided(Policy policy, IntentExecutor executor) {
            super(policy, executor);
            last = this;
        }

        @Override
        public boolean shouldFlush(Throwable error) {
            throw new IllegalStateException("cannot decide");
        }
    }

    @Test
    void aFlushDecisionThatFailsDiscardsAndTheFailureComesOut() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> airlock.scope().type(Undecided::new).run(() -> airlock.enqueue(Mailer::ping)));
        assertEquals("cannot decide", e.getMessage());
        assertTrue(Undecided.last.isDiscarded(), "discarded, not left neither flushed nor discarded");
        assertEquals(List.of(), Calls.all());
        IOException blockFailure = new IOException("block");
        IOException thrown = assertThrows(IOException.class, () -> airlock.scope().type(Undecided::new).call(() -> {
            airlock.enqueue(Mailer::ping);
            throw blockFailure;
        }));
        assertSame(blockFailure, thrown, "the block's own failure stays first");
        assertEquals("cannot decide", thrown.getSuppressed()[0].getMessage());
        assertTrue(Undecided.last.isDiscarded());
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void exitingAFinishedScopeSaysItIsSingleUse() {
        Scope flushed = finishedWithOneIntent();
        flushed.flush();
        ScopeStateException e = assertThrows(ScopeStateException.class, flushed::exit);
        assertTrue(e.getMessage().contains("flushed already") && e.getMessage().contains("single-use"), e.getMessage());
        Scope discarded = finishedWithOneIntent();
        discarded.discard();
        e = assertThrows(ScopeStateException.class, discarded::exit);
        assertTrue(e.getMessage().contains("discarded already"), e.getMessage());
        Scope exited = finishedWithOneIntent();
        e = assertThrows(ScopeStateException.class, exited::exit);
        assertTrue(e.getMessage().contains("exit it once"), e.getMessage());
    }

    @Test
    void discardTwiceFails() {
        Scope scope = finishedWithOneIntent();
        assertEquals(1, scope.discard().size());
        assertThrows(ScopeStateException.class, scope::discard);
    }

    @Test
    void flushAfterDiscardFails() {
        Scope scope = finishedWithOneIntent();
        scope.discard();
        assertThrows(ScopeStateException.class, scope::flush);
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void discardAfterFlushFails() {
        Scope scope = finishedWithOneIntent();
        scope.flush();
        assertThrows(ScopeStateException.class, scope::discard);
    }

    @Test
    void enqueueAfterFlushFails() {
        Scope scope = finishedWithOneIntent();
        scope.flush();
        scope.enter();
        try {
            ScopeStateException e = assertThrows(ScopeStateException.class, () -> airlock.enqueue(Warehouse::reserve, 1L));
            assertTrue(e.getMessage().contains("reserve(1)"), e.getMessage());
        } finally {
            scope.exit();
        }
    }

    @Test
    void flushOrDiscardWhileActiveFails() {
        Scope scope = new Scope().enter();
        try {
            ScopeStateException e = assertThrows(ScopeStateException.class, scope::flush);
            assertTrue(e.getMessage().contains("exit()"), e.getMessage());
            assertThrows(ScopeStateException.class, scope::discard);
        } finally {
            scope.exit();
        }
        scope.flush();
    }

    @Test
    void enterTwiceAndExitWithoutEnterFail() {
        Scope scope = new Scope();
        assertThrows(ScopeStateException.class, scope::exit);
        scope.enter();
        assertThrows(ScopeStateException.class, scope::enter);
        scope.exit();
        assertThrows(ScopeStateException.class, scope::exit);
        scope.discard();
    }

    @Test
    void exitingAnOuterScopeBeforeTheInnerOneFails() {
        Scope outer = new Scope().enter();
        Scope inner = new Scope().enter();
        assertThrows(ScopeStateException.class, outer::exit);
        inner.exit();
        outer.exit();
        assertSame(outer, inner.parent().orElseThrow());
        inner.discard();
        outer.discard();
    }

    @Test
    void exitOnAnotherThreadFails() throws Exception {
        Scope scope = new Scope().enter();
        try {
            ExecutionException e = assertThrows(ExecutionException.class, () -> CompletableFuture.runAsync(scope::exit).get());
            assertTrue(e.getCause() instanceof ScopeStateException);
        } finally {
            scope.exit();
            scope.discard();
        }
    }

    @Test
    void theCallbackFlushesOnReturnAndReturnsTheValue() {
        String value = airlock.call(() -> {
            airlock.enqueue(Mailer::ping);
            return "done";
        });
        assertEquals("done", value);
        assertEquals(List.of("ping()"), Calls.all());
    }

    @Test
    void theCallbackDiscardsOnExceptionAndRethrowsItUnchanged() {
        IOException thrown = new IOException("disk full");
        IOException caught = assertThrows(IOException.class, () -> airlock.run(() -> {
            airlock.enqueue(Mailer::ping);
            throw thrown;
        }));
        assertSame(thrown, caught);
        assertEquals(0, caught.getSuppressed().length);
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void errorsDiscardToo() {
        assertThrows(AssertionError.class, () -> airlock.run(() -> {
            airlock.enqueue(Mailer::ping);
            throw new AssertionError("boom");
        }));
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void shouldFlushCanAlwaysFlush() {
        class AlwaysFlush extends Scope {
            AlwaysFlush(Policy p, IntentExecutor e) {
                super(p, e);
            }

            @Override
            public boolean shouldFlush(Throwable error) {
                return true;
            }
        }
        assertThrows(IllegalStateException.class, () -> airlock.scope().type(AlwaysFlush::new).run(() -> {
            airlock.enqueue(Mailer::ping);
            throw new IllegalStateException("flushed anyway");
        }));
        assertEquals(List.of("ping()"), Calls.all());
    }

    @Test
    void shouldFlushCanNeverFlush() {
        airlock.scope().type((p, e) -> new Scope(p, e) {
            @Override
            public boolean shouldFlush(Throwable error) {
                return false;
            }
        }).run(() -> airlock.enqueue(Mailer::ping));
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void shouldFlushSeesTheError() {
        Throwable[] seen = new Throwable[1];
        IllegalArgumentException boom = new IllegalArgumentException("x");
        assertThrows(IllegalArgumentException.class, () -> airlock.scope().type((p, e) -> new Scope(p, e) {
            @Override
            public boolean shouldFlush(Throwable error) {
                seen[0] = error;
                return super.shouldFlush(error);
            }
        }).run(() -> {
            throw boom;
        }));
        assertSame(boom, seen[0]);
    }

    @Test
    void aScopeLeftOpenInsideABlockIsClosedAndReported() {
        ScopeStateException e = assertThrows(ScopeStateException.class, () -> airlock.run(() -> {
            airlock.enqueue(Warehouse::reserve, 1L);
            airlock.scope().open();
            airlock.enqueue(Mailer::ping);
        }));
        assertTrue(e.getMessage().contains("never exited"), e.getMessage());
        assertTrue(airlock.currentScope().isEmpty(), "nothing is left on the thread");
        assertEquals(List.of("reserve(1)"), Calls.all());
    }

    @Test
    void aBlockThatExitsItsOwnScopeFailsAndLeavesNoScopeOnTheThread() {
        ScopeStateException e = assertThrows(ScopeStateException.class, () -> airlock.run(() -> {
            airlock.enqueue(Warehouse::reserve, 1L);
            airlock.currentScope().orElseThrow().exit();
        }));
        assertTrue(e.getMessage().contains("already exited while its work ran"), e.getMessage());
        assertTrue(airlock.currentScope().isEmpty(), "the block's scope is still on the thread");
        assertThrows(NoScopeException.class, () -> airlock.enqueue(Warehouse::reserve, 2L), "an enqueue went into a stale scope");
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void aNestedBlockThatExitsItsOwnScopeFailsTheEnclosingBlockWhichDiscards() {
        Scope[] outer = new Scope[1];
        assertThrows(ScopeStateException.class, () -> airlock.run(() -> {
            outer[0] = airlock.currentScope().orElseThrow();
            airlock.enqueue(Warehouse::reserve, 1L);
            airlock.run(() -> airlock.currentScope().orElseThrow().exit());
        }));
        assertTrue(outer[0].isDiscarded(), () -> "the enclosing scope: " + outer[0]);
        assertTrue(airlock.currentScope().isEmpty());
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void aBlockThatExitsItsOwnScopeAndOpensAnotherLeavesNeitherOnTheThread() {
        Scope[] opened = new Scope[1];
        assertThrows(ScopeStateException.class, () -> airlock.run(() -> {
            airlock.currentScope().orElseThrow().exit();
            opened[0] = airlock.scope().open();
            airlock.enqueue(Warehouse::reserve, 1L);
        }));
        assertTrue(airlock.currentScope().isEmpty(), () -> "left on the thread: " + airlock.currentScope());
        assertFalse(opened[0].isActive());
        assertThrows(NoScopeException.class, () -> airlock.enqueue(Warehouse::reserve, 2L));
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void aBlockThatExitsItsOwnScopeAndFailsKeepsItsOwnErrorFirst() {
        IllegalStateException failure = new IllegalStateException("the work failed");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> airlock.run(() -> {
            airlock.currentScope().orElseThrow().exit();
            throw failure;
        }));
        assertSame(failure, thrown);
        assertEquals(1, thrown.getSuppressed().length);
        assertTrue(thrown.getSuppressed()[0] instanceof ScopeStateException, () -> "suppressed: " + thrown.getSuppressed()[0]);
        assertTrue(airlock.currentScope().isEmpty());
    }

    @Test
    void exitUnwindingOfAScopeNeverEnteredOrEnteredElsewhereFails() throws Exception {
        ScopeStateException never = assertThrows(ScopeStateException.class, () -> airlock.scope().create().exitUnwinding());
        assertTrue(never.getMessage().contains("not active"), never.getMessage());
        Scope[] elsewhere = new Scope[1];
        Thread other = new Thread(() -> elsewhere[0] = airlock.scope().open());   // a thread of its own: it ends with the scope
        other.start();
        other.join();
        ScopeStateException e = assertThrows(ScopeStateException.class, elsewhere[0]::exitUnwinding);
        assertTrue(e.getMessage().contains("must be exited there"), e.getMessage());
    }

    @Test
    void exitUnwindingClosesScopesLeftOpenInsideAndFailsForAScopeNoLongerOnTheThread() {
        Scope outer = airlock.scope().open();
        Scope middle = airlock.scope().open();
        Scope inner = airlock.scope().open();
        assertTrue(outer.exitUnwinding(), "it had scopes left open inside");
        assertFalse(middle.isActive());
        assertFalse(inner.isActive());
        assertTrue(airlock.currentScope().isEmpty());
        assertFalse(airlock.scope().open().exitUnwinding(), "nothing was left open");

        Scope cleared = airlock.scope().open();
        ThreadState.clear();
        ScopeStateException e = assertThrows(ScopeStateException.class, cleared::exitUnwinding);
        assertTrue(e.getMessage().contains("no longer on this thread"), e.getMessage());
        assertFalse(cleared.isActive());
    }

    @Test
    void aFailingFlushAfterAFailingBlockIsAttachedNotSwapped() {
        IllegalStateException body = new IllegalStateException("body");
        class AlwaysFlush extends Scope {
            AlwaysFlush(Policy p, IntentExecutor e) {
                super(p, e);
            }

            @Override
            public boolean shouldFlush(Throwable error) {
                return true;
            }
        }
        IllegalStateException caught = assertThrows(IllegalStateException.class, () -> airlock.scope().type(AlwaysFlush::new).run(() -> {
            airlock.enqueue(Mailer::explode, "dispatch");
            throw body;
        }));
        assertSame(body, caught);
        assertEquals("dispatch", caught.getSuppressed()[0].getMessage());
    }

    @Test
    void theScopeFactoryMustReturnAScope() {
        assertThrows(UsageException.class, () -> airlock.scope().type((p, e) -> null).run(() -> { }));
    }
}
