package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.fixtures.Calls;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.Mailer;
import io.airlock.fixtures.Warehouse;
import io.airlock.policy.AssertNoEffects;
import io.airlock.policy.BlockTasks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A nested scope's flush hands its intents to its ancestors all or nothing: every ancestor is asked and every capture
 * checked (capacity, the capturing policy's {@code onEnqueue}) before any ancestor takes one. When an ancestor refuses,
 * however far up, no nearer ancestor keeps a share that could escape if the refusal were caught, and the nested scope
 * ends discarded, its intents reported as such.
 */
@ExtendWith(CleanAirlock.class)
class CaptureAllOrNothingTest {

    private final Airlock airlock = Airlock.get();

    /** Lets {@code reserve} through and captures the rest. */
    static class ReserveThrough extends Scope {
        ReserveThrough(Policy policy, IntentExecutor executor) {
            super(policy, executor);
        }

        @Override
        public List<Intent> beforeDescendantFlushes(Scope exitingScope, List<Intent> intents) {
            return intents.stream().filter(i -> i.name().equals("reserve")).toList();
        }
    }

    /** Throws when offered anything. */
    static class Throwing extends Scope {
        Throwing(Policy policy, IntentExecutor executor) {
            super(policy, executor);
        }

        @Override
        public List<Intent> beforeDescendantFlushes(Scope exitingScope, List<Intent> intents) {
            if (!intents.isEmpty()) {
                throw new IllegalStateException("refused by beforeDescendantFlushes");
            }
            return List.of();
        }
    }

    /** How the farthest scope refuses what reaches it from the nested block. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("a throwing BlockTasks at capture", (Consumer<Airlock>) a -> { }, new Outer(s -> s.policy(BlockTasks.throwingOnEnqueue("reserve")),
                        PolicyViolationException.class)),
                Arguments.of("AssertNoEffects at capture", (Consumer<Airlock>) a -> { }, new Outer(s -> s.policy(new AssertNoEffects()),
                        PolicyViolationException.class)),
                Arguments.of("a full scope", (Consumer<Airlock>) a -> a.enqueue(Warehouse::reserve, 0L), new Outer(s -> s.maxIntents(1),
                        ScopeCapacityException.class)),
                Arguments.of("a throwing beforeDescendantFlushes", (Consumer<Airlock>) a -> { }, new Outer(s -> s.type(Throwing::new),
                        IllegalStateException.class)));
    }

    record Outer(UnaryOperator<ScopeRunner> configure, Class<? extends Throwable> refusal) {
        @Override
        public String toString() {
            return refusal.getSimpleName();
        }
    }

    /**
     * Each nearer scope that lets some of the nested block's intents on to the farther one: one that lets reserve through
     * (and captures the email), one that lets all through. (A nearer scope that captures all asks no farther one.)
     */
    static Stream<Arguments> refusalsThroughEachMiddle() {
        List<Arguments> all = new ArrayList<>();
        for (String middle : List.of("reserve-through", "independent")) {
            refusals().forEach(r -> all.add(Arguments.of(r.get()[0], r.get()[1], r.get()[2], middle)));
        }
        return all.stream();
    }

    private ScopeRunner middle(String kind) {
        return kind.equals("independent") ? airlock.scope().type(NestedScopeTest.IndependentScope::new) : airlock.scope().type(ReserveThrough::new);
    }

    @ParameterizedTest(name = "{0}, under a {3} middle scope")
    @MethodSource("refusalsThroughEachMiddle")
    void aRefusalAnywhereUpLeavesNoShareCapturedAndNothingEscapes(String why, Consumer<Airlock> fill, Outer outer, String middleKind) {
        List<Intent> middleCaptured = new ArrayList<>();
        List<Intent> nestedLeft = new ArrayList<>();
        List<Boolean> nestedDiscarded = new ArrayList<>();
        ScopeRunner outerRunner = outer.configure().apply(airlock.scope());
        try {
            outerRunner.run(() -> {
                fill.accept(airlock);
                middle(middleKind).run(() -> {
                    Scope nested = airlock.scope().open();
                    airlock.enqueue(Warehouse::reserve, 1L);
                    airlock.enqueue(Mailer::sendConfirmation, 1L, "a@b.c");
                    nested.exit();
                    Throwable refused = assertThrows(outer.refusal(), nested::flush);
                    assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank());
                    nestedDiscarded.add(nested.isDiscarded() && !nested.isFlushed());
                    nestedLeft.addAll(nested.intents());
                    // the middle scope's code catches the refusal and goes on: nothing of the nested block may be in it
                    middleCaptured.addAll(airlock.currentScope().orElseThrow().capturedIntents());
                });
            });
        } catch (RuntimeException outerFlushFailedToo) {
            // a full outer scope, say, fails its own flush; what matters is below
        }
        assertEquals(List.of(), middleCaptured, "no share of the refused block is captured by a nearer scope");
        assertEquals(List.of(true), nestedDiscarded, "the nested scope ends discarded");
        assertEquals(List.of(), nestedLeft, "its buffer is emptied, as by discard()");
        assertEquals(List.of(), Calls.all().stream().filter(call -> call.endsWith("(1)") || call.startsWith("sendConfirmation")).toList(),
                "nothing of the refused block escapes");
    }

    @Test
    void whenEveryAncestorAgreesEachTakesItsShare() {
        List<String> middleCaptured = new ArrayList<>();
        List<String> outerCaptured = new ArrayList<>();
        airlock.run(() -> {
            airlock.scope().type(ReserveThrough::new).run(() -> {
                airlock.run(() -> {
                    airlock.enqueue(Warehouse::reserve, 1L);
                    airlock.enqueue(Mailer::sendConfirmation, 1L, "a@b.c");
                });
                airlock.currentScope().orElseThrow().capturedIntents().forEach(i -> middleCaptured.add(i.toString()));
            });
            airlock.currentScope().orElseThrow().capturedIntents().forEach(i -> outerCaptured.add(i.toString()));
        });
        assertEquals(List.of("sendConfirmation(1, \"a@b.c\")"), middleCaptured);
        assertEquals(List.of("reserve(1)", "sendConfirmation(1, \"a@b.c\")"), outerCaptured);
        assertEquals(List.of("reserve(1)", "sendConfirmation(1, a@b.c)"), Calls.all());
    }

    @Test
    void beforeDescendantFlushesJudgesItNeverEnqueues() {
        class Enqueuing extends Scope {
            Enqueuing(Policy policy, IntentExecutor executor) {
                super(policy, executor);
            }

            @Override
            public List<Intent> beforeDescendantFlushes(Scope exitingScope, List<Intent> intents) {
                Airlock.get().enqueue(Mailer::sendReminder, 7L);
                return List.of();
            }
        }
        assertThrows(PolicyEnqueueException.class, () -> airlock.scope().type(Enqueuing::new).run(() ->
                airlock.run(() -> airlock.enqueue(Warehouse::reserve, 1L))));
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void aDiscardedScopeListsNoCapturedIntents() {
        Scope outer = airlock.scope().open();
        airlock.enqueue(Warehouse::reserve, 1L);
        airlock.run(() -> airlock.enqueue(Mailer::sendReminder, 2L));
        assertEquals(1, outer.capturedIntents().size());
        outer.exit();
        assertEquals(2, outer.discard().size());
        assertEquals(List.of(), outer.intents());
        assertEquals(List.of(), outer.ownIntents());
        assertEquals(List.of(), outer.capturedIntents(), "what a scope captured is part of what it discards");
    }
}
