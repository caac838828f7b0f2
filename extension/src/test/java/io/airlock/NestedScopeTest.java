package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.fixtures.Calls;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.LogCapture;
import io.airlock.fixtures.Mailer;
import io.airlock.fixtures.Warehouse;
import io.airlock.policy.BlockTasks;
import io.airlock.policy.DropAll;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CleanAirlock.class)
class NestedScopeTest {

    private final Airlock airlock = Airlock.get();

    /** Lets nested scopes flush on their own. */
    static class IndependentScope extends Scope {
        IndependentScope(Policy policy, IntentExecutor executor) {
            super(policy, executor);
        }

        @Override
        public List<Intent> beforeDescendantFlushes(Scope exitingScope, List<Intent> intents) {
            return intents;
        }
    }

    /** Lets nested scopes flush everything but mail. */
    static class SelectiveScope extends Scope {
        SelectiveScope(Policy policy, IntentExecutor executor) {
            super(policy, executor);
        }

        @Override
        public List<Intent> beforeDescendantFlushes(Scope exitingScope, List<Intent> intents) {
            return intents.stream().filter(i -> !i.targetType().orElseThrow().equals(Mailer.class)).toList();
        }
    }

    @Test
    void theOuterScopeCapturesTheInnerOnesIntentsByDefault() {
        airlock.run(() -> {
            airlock.enqueue(Warehouse::reserve, 1L);
            airlock.run(() -> airlock.enqueue(Warehouse::reserve, 2L));
            assertEquals(List.of(), Calls.all(), "the inner scope's flush was captured by the outer scope");
            airlock.enqueue(Warehouse::reserve, 3L);
        });
        assertEquals(List.of("reserve(1)", "reserve(2)", "reserve(3)"), Calls.all());
    }

    @Test
    void anIndependentOuterScopeLetsNestedScopesFlush() {
        airlock.scope().type(IndependentScope::new).run(() -> {
            airlock.run(() -> airlock.enqueue(Warehouse::reserve, 2L));
            assertEquals(List.of("reserve(2)"), Calls.all());
            airlock.enqueue(Warehouse::reserve, 3L);
        });
        assertEquals(List.of("reserve(2)", "reserve(3)"), Calls.all());
    }

    @Test
    void aSelectiveOuterScopeCapturesSomeAndLetsTheRestGo() {
        airlock.scope().type(SelectiveScope::new).run(() -> {
            airlock.run(() -> {
                airlock.enqueue(Mailer::ping);
                airlock.enqueue(Warehouse::reserve, 2L);
            });
            assertEquals(List.of("reserve(2)"), Calls.all());
            Scope outer = airlock.currentScope().orElseThrow();
            assertEquals(List.of("ping"), outer.capturedIntents().stream().map(Intent::name).toList());
        });
        assertEquals(List.of("reserve(2)", "ping()"), Calls.all());
    }

    @Test
    void everyAncestorIsAskedInnermostFirstWithTheExitingScope() {
        List<String> asked = new ArrayList<>();
        List<Scope> exiting = new ArrayList<>();
        class Recording extends Scope {
            final String label;

            Recording(String label) {
                this.label = label;
            }

            @Override
            public List<Intent> beforeDescendantFlushes(Scope exitingScope, List<Intent> intents) {
                asked.add(label + ":" + intents.size());
                exiting.add(exitingScope);
                return intents; // let everything through, so the walk goes on
            }
        }
        airlock.scope().type((p, e) -> new Recording("outer")).run(() -> airlock.scope().type((p, e) -> new Recording("middle")).run(() -> {
            Scope inner = airlock.scope().open();
            airlock.enqueue(Mailer::ping);
            inner.exit();
            inner.flush();
            assertEquals(List.of("middle:1", "outer:1"), asked);
            assertSame(inner, exiting.get(0));
            assertSame(inner, exiting.get(1));
        }));
        assertEquals(List.of("ping()"), Calls.all());
    }

    /**
     * Out-of-order use of the manual lifecycle: the nested scope flushes after its enclosing scope already
     * flushed. As in an open scope, the enclosing scope captures the intents (the original library's
     * behaviour); nothing dispatches them any more, so a warning names them and the fix.
     */
    @Test
    void aNestedScopeFlushedAfterItsEnclosingScopeWarnsThatItsIntentsAreCapturedForNothing() {
        Scope outer = airlock.scope().open();
        Scope inner = airlock.scope().open();
        airlock.enqueue(Warehouse::reserve, 7L);
        inner.exit();
        airlock.enqueue(Warehouse::reserve, 1L);
        outer.exit();
        List<Intent> flushed = outer.flush();
        Calls.clear();
        try (LogCapture log = new LogCapture()) {
            inner.flush();
            assertEquals(List.of(), Calls.all(), "the intent escaped past its enclosing scope");
            assertEquals("[reserve(1)]", flushed.toString(), "what the enclosing scope flushed stays what it flushed");
            assertEquals(1, outer.capturedIntents().size());
            List<String> warnings = log.at(Level.WARNING);
            assertEquals(1, warnings.size(), () -> "warnings: " + warnings);
            assertTrue(warnings.get(0).contains("reserve(7)") && warnings.get(0).contains("after it had been flushed")
                    && warnings.get(0).contains("before its enclosing scope"), warnings.get(0));
        }
    }

    @Test
    void nothingIsLoggedWhenTheEnclosingScopeIsStillOpen() {
        try (LogCapture log = new LogCapture()) {
            airlock.run(() -> airlock.run(() -> airlock.enqueue(Warehouse::reserve, 1L)));
            assertEquals(List.of(), log.at(Level.WARNING));
        }
        assertEquals(List.of("reserve(1)"), Calls.all());
    }

    @Test
    void everyAncestorIsAskedAlsoWhenANearerOneCapturedEverything() {
        List<String> asked = new ArrayList<>();
        airlock.scope().type((p, e) -> new Scope(p, e) {
            @Override
            public List<Intent> beforeDescendantFlushes(Scope exitingScope, List<Intent> intents) {
                asked.add("outer:" + intents.size());
                return intents;
            }
        }).run(() -> airlock.run(() -> airlock.run(() -> airlock.enqueue(Mailer::ping))));
        // the innermost flush: the middle scope captured the intent, the outer one is asked with nothing left;
        // then the middle scope's flush offers it
        assertEquals(List.of("outer:0", "outer:1"), asked);
        assertEquals(List.of("ping()"), Calls.all());
    }

    @Test
    void aNestedScopeWithNothingToFlushStillAsksItsAncestorsAndCallsDispatch() {
        List<String> seen = new ArrayList<>();
        class Watching extends Scope {
            Watching(Policy p, IntentExecutor e) {
                super(p, e);
            }

            @Override
            public List<Intent> beforeDescendantFlushes(Scope exitingScope, List<Intent> intents) {
                seen.add("asked:" + intents.size());
                return intents;
            }

            @Override
            protected void dispatch(List<Intent> intents) {
                seen.add("dispatch:" + intents.size());
                super.dispatch(intents);
            }
        }
        airlock.scope().type(Watching::new).run(() -> airlock.scope().type(Watching::new).run(() -> {
        }));
        assertEquals(List.of("asked:0", "dispatch:0", "dispatch:0"), seen);
    }

    @Test
    void provenanceTellsOwnFromCaptured() {
        airlock.scope().policy(new DropAll()).run(() -> {
            Intent own = airlock.enqueue(Warehouse::reserve, 1L);
            Intent[] nested = new Intent[1];
            airlock.run(() -> nested[0] = airlock.enqueue(Mailer::ping));
            Scope outer = airlock.currentScope().orElseThrow();
            assertEquals(List.of(own, nested[0]), outer.intents());
            assertEquals(List.of(own), outer.ownIntents());
            assertEquals(List.of(nested[0]), outer.capturedIntents());
        });
    }

    @Test
    void capturedIntentsObeyTheOuterPolicy() {
        airlock.scope().policy(new BlockTasks("ping")).run(() -> airlock.run(() -> {
            airlock.enqueue(Mailer::ping);
            airlock.enqueue(Warehouse::reserve, 1L);
        }));
        assertEquals(List.of("reserve(1)"), Calls.all());
    }

    @Test
    void anInnerScopesPolicyDoesNotJudgeWhatItsParentCaptures() {
        airlock.run(() -> {
            airlock.scope().policy(new DropAll()).run(() -> airlock.enqueue(Mailer::ping));
            airlock.withPolicy(new DropAll()).run(() -> airlock.enqueue(Warehouse::reserve, 1L));
        });
        assertEquals(List.of("ping()"), Calls.all(), "the outer scope has authority; only the local policy travels with the intent");
    }

    @Test
    void aDiscardedInnerScopeDoesNotTouchTheOuterOne() {
        airlock.run(() -> {
            airlock.enqueue(Warehouse::reserve, 1L);
            assertThrows(IllegalStateException.class, () -> airlock.run(() -> {
                airlock.enqueue(Mailer::ping);
                throw new IllegalStateException("inner failure");
            }));
            Scope outer = airlock.currentScope().orElseThrow();
            assertEquals(1, outer.intents().size());
            assertEquals(List.of(), outer.capturedIntents());
        });
        assertEquals(List.of("reserve(1)"), Calls.all());
    }

    @Test
    void aDiscardedOuterScopeDropsWhatItCaptured() {
        assertThrows(IllegalStateException.class, () -> airlock.run(() -> {
            airlock.run(() -> airlock.enqueue(Mailer::ping));
            throw new IllegalStateException("outer failure");
        }));
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void returningNullFromBeforeDescendantFlushesIsAClearError() {
        UsageException e = assertThrows(UsageException.class, () -> airlock.scope().type((p, x) -> new Scope(p, x) {
            @Override
            public List<Intent> beforeDescendantFlushes(Scope exitingScope, List<Intent> intents) {
                return null;
            }
        }).run(() -> airlock.run(() -> airlock.enqueue(Mailer::ping))));
        assertTrue(e.getMessage().contains("returned null"), e.getMessage());
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void returningIntentsThatWereNotOfferedIsAClearError() {
        Intent[] stranger = new Intent[1];
        airlock.scope().policy(new DropAll()).run(() -> stranger[0] = airlock.enqueue(Mailer::ping));
        assertThrows(UsageException.class, () -> airlock.scope().type((p, x) -> new Scope(p, x) {
            @Override
            public List<Intent> beforeDescendantFlushes(Scope exitingScope, List<Intent> intents) {
                return List.of(stranger[0]);
            }
        }).run(() -> airlock.run(() -> airlock.enqueue(Warehouse::reserve, 1L))));
    }

    @Test
    void theOfferedListCannotBeModified() {
        airlock.scope().type((p, x) -> new Scope(p, x) {
            @Override
            public List<Intent> beforeDescendantFlushes(Scope exitingScope, List<Intent> intents) {
                assertThrows(UnsupportedOperationException.class, intents::clear);
                return List.of();
            }
        }).run(() -> airlock.run(() -> airlock.enqueue(Mailer::ping)));
        assertEquals(List.of("ping()"), Calls.all());
    }

    /** Records what its onEnqueue is told, and refuses mail. */
    static final class NoMail implements Policy {
        final List<String> told = new ArrayList<>();

        @Override
        public void onEnqueue(Intent intent) {
            told.add(intent.name());
            if (intent.targetType().filter(Mailer.class::equals).isPresent()) {
                throw new PolicyViolationException("no mail here: " + intent);
            }
        }

        @Override
        public boolean allows(Intent intent) {
            return true;
        }
    }

    /** A captured intent is buffered in the capturing scope: its policy is told, and can refuse it, at every depth. */
    @Test
    void aScopesPolicyIsToldOfEveryIntentItCapturesAndCanRefuseIt() {
        for (int depth = 1; depth <= 4; depth++) {
            Calls.clear();
            NoMail noMail = new NoMail();
            int levels = depth;
            PolicyViolationException e = assertThrows(PolicyViolationException.class, () -> airlock.scope().policy(noMail).run(() -> {
                airlock.enqueue(Warehouse::reserve, 1L);
                nest(levels, () -> {
                    airlock.enqueue(Warehouse::reserve, 2L);
                    airlock.enqueue(Mailer::ping);
                });
            }), "depth " + depth);
            assertTrue(e.getMessage().contains("no mail here"), e.getMessage());
            assertEquals(List.of(), Calls.all(), "depth " + depth + ": nothing escapes");
            assertEquals(List.of("reserve", "reserve", "ping"), noMail.told, "depth " + depth + ": told of its own intent, then of each captured one");
        }
    }

    /** The refusal comes out of the nested block that flushed: code that catches it there keeps the outer scope's own work. */
    @Test
    void aRefusedCaptureFailsTheNestedBlockAndCapturesNoneOfItsIntents() {
        NoMail noMail = new NoMail();
        airlock.scope().policy(noMail).run(() -> {
            airlock.enqueue(Warehouse::reserve, 1L);
            assertThrows(PolicyViolationException.class, () -> airlock.run(() -> {
                airlock.enqueue(Warehouse::reserve, 2L);
                airlock.enqueue(Mailer::ping);
            }));
            assertEquals(List.of("reserve"), airlock.currentScope().orElseThrow().intents().stream().map(Intent::name).toList(),
                    "none of the refused block's intents were captured");
            airlock.run(() -> airlock.enqueue(Warehouse::reserve, 3L));
        });
        assertEquals(List.of("reserve(1)", "reserve(3)"), Calls.all());
    }

    /** Only the scope that captures an intent is told: one that lets it through (to an ancestor) is not, the ancestor is. */
    @Test
    void aScopeThatLetsNestedIntentsThroughIsNotToldOfThemItsAncestorIs() {
        NoMail outerPolicy = new NoMail();
        NoMail middlePolicy = new NoMail();
        assertThrows(PolicyViolationException.class, () -> airlock.scope().policy(outerPolicy).run(() ->
                airlock.scope().policy(middlePolicy).type(IndependentScope::new).run(() ->
                        airlock.run(() -> airlock.enqueue(Mailer::ping)))));
        assertEquals(List.of(), middlePolicy.told, "the independent middle scope let the intent through");
        assertEquals(List.of("ping"), outerPolicy.told);
        assertEquals(List.of(), Calls.all());
    }

    /** The built-in policies that refuse at enqueue refuse what nested scopes enqueue, too. */
    @Test
    void assertNoEffectsAndThrowingBlockTasksRefuseWhatANestedScopeEnqueues() {
        assertThrows(PolicyViolationException.class, () -> airlock.scope().policy(new io.airlock.policy.AssertNoEffects())
                .run(() -> airlock.run(() -> airlock.enqueue(Warehouse::reserve, 1L))));
        assertThrows(PolicyViolationException.class, () -> airlock.scope().policy(BlockTasks.throwingOnEnqueue("ping"))
                .run(() -> airlock.run(() -> airlock.enqueue(Mailer::ping))));
        airlock.scope().policy(BlockTasks.throwingOnEnqueue("ping")).run(() -> airlock.run(() -> airlock.enqueue(Warehouse::reserve, 4L)));
        assertEquals(List.of("reserve(4)"), Calls.all());
    }

    /** A policy judges, it never enqueues, when it is told of a captured intent too. */
    @Test
    void aPolicyToldOfACapturedIntentCannotEnqueue() {
        Policy enqueuing = new Policy() {
            @Override
            public void onEnqueue(Intent intent) {
                Airlock.get().enqueue(Warehouse::reserve, 9L);
            }

            @Override
            public boolean allows(Intent intent) {
                return true;
            }
        };
        assertThrows(PolicyEnqueueException.class, () -> airlock.scope().policy(enqueuing).run(() -> airlock.run(() -> airlock.enqueue(Mailer::ping))));
        assertEquals(List.of(), Calls.all());
        assertTrue(airlock.currentScope().isEmpty());
    }

    private void nest(int levels, Runnable work) {
        if (levels == 0) {
            work.run();
        } else {
            airlock.run(() -> nest(levels - 1, work));
        }
    }
}
