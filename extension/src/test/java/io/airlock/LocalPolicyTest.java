package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.fixtures.Calls;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.Mailer;
import io.airlock.fixtures.Warehouse;
import io.airlock.policy.AssertNoEffects;
import io.airlock.policy.BlockTasks;
import io.airlock.policy.DropAll;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(CleanAirlock.class)
class LocalPolicyTest {

    private final Airlock airlock = Airlock.get();

    @Test
    void aLocalBlockFiltersOnlyWhatWasEnqueuedInsideItInTheSameBuffer() {
        airlock.run(() -> {
            airlock.enqueue(Warehouse::reserve, 1L);
            airlock.withPolicy(new DropAll()).run(() -> airlock.enqueue(Warehouse::reserve, 2L));
            airlock.enqueue(Warehouse::reserve, 3L);
            assertEquals(3, airlock.currentScope().orElseThrow().intents().size(), "no new buffer is opened");
        });
        assertEquals(List.of("reserve(1)", "reserve(3)"), Calls.all());
    }

    @Test
    void nestedBlocksAllApplyInnermostFirst() {
        List<String> asked = new ArrayList<>();
        Policy outer = intent -> asked.add("outer");
        Policy middle = intent -> asked.add("middle");
        Policy inner = intent -> asked.add("inner");
        airlock.run(() -> airlock.withPolicy(outer).run(() -> airlock.withPolicy(middle).run(() -> airlock.withPolicy(inner)
                .run(() -> airlock.enqueue(Mailer::ping)))));
        assertEquals(List.of("inner", "middle", "outer"), asked);
        assertEquals(List.of("ping()"), Calls.all());
    }

    @Test
    void anInnerRefusalStopsTheOuterOnesBeingAsked() {
        List<String> asked = new ArrayList<>();
        Policy outer = intent -> asked.add("outer");
        airlock.run(() -> airlock.withPolicy(outer).run(() -> airlock.withPolicy(new DropAll()).run(() -> airlock.enqueue(Mailer::ping))));
        assertEquals(List.of(), asked);
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void theScopePolicyStillApplies() {
        airlock.scope().policy(new BlockTasks("ping")).run(() -> airlock.withPolicy(intent -> true).run(() -> {
            airlock.enqueue(Mailer::ping);
            airlock.enqueue(Warehouse::reserve, 4L);
        }));
        assertEquals(List.of("reserve(4)"), Calls.all());
    }

    @Test
    void theIntentRemembersItsLocalPolicies() {
        Policy blockNotify = new BlockTasks("reserve");
        airlock.scope().policy(new DropAll()).run(() -> {
            Intent outside = airlock.enqueue(Warehouse::reserve, 1L);
            Intent inside = airlock.withPolicy(blockNotify).call(() -> airlock.enqueue(Warehouse::reserve, 2L));
            assertEquals(List.of(), outside.localPolicies());
            assertEquals(List.of(blockNotify), inside.localPolicies());
            assertTrue(outside.passesLocalPolicies());
            assertFalse(inside.passesLocalPolicies());
        });
    }

    @Test
    void theBlockEndsEvenByAnException() {
        airlock.run(() -> {
            assertThrows(IllegalStateException.class, () -> airlock.withPolicy(new DropAll()).run(() -> {
                throw new IllegalStateException("boom");
            }));
            Intent after = airlock.enqueue(Mailer::ping);
            assertEquals(List.of(), after.localPolicies());
        });
        assertEquals(List.of("ping()"), Calls.all());
    }

    @Test
    void localPoliciesApplyToNestedScopesToo() {
        airlock.withPolicy(new DropAll()).run(() -> airlock.run(() -> airlock.enqueue(Mailer::ping)));
        assertEquals(List.of(), Calls.all());
    }

    /** Policies that throw rather than drop: as a local policy (asked only at flush) they fail the flush, which dispatches nothing. */
    static Stream<Policy> throwingPolicies() {
        return Stream.of(new AssertNoEffects(), BlockTasks.throwingOnEnqueue("reserve"));
    }

    @ParameterizedTest
    @MethodSource("throwingPolicies")
    void aLocalPolicyThatThrowsOnEnqueueFailsTheFlushInsteadOfDroppingSilently(Policy throwing) {
        PolicyViolationException e = assertThrows(PolicyViolationException.class, () -> airlock.run(() -> {
            airlock.enqueue(Mailer::ping);
            airlock.withPolicy(throwing).run(() -> airlock.enqueue(Warehouse::reserve, 1L));
        }));
        assertTrue(e.getMessage().contains("reserve(1)") || e.getMessage().contains("'reserve'"), e.getMessage());
        assertEquals(List.of(), Calls.all(), "nothing of the flush is dispatched");
    }

    @ParameterizedTest
    @MethodSource("throwingPolicies")
    void passesLocalPoliciesAnswersFalseForAPolicyThatRefusesByThrowing(Policy throwing) {
        List<Boolean> passes = new ArrayList<>();
        assertThrows(PolicyViolationException.class, () -> airlock.run(() -> airlock.withPolicy(throwing).run(() ->
                passes.add(airlock.enqueue(Warehouse::reserve, 1L).passesLocalPolicies()))), "the flush, unlike the inspection, throws");
        assertEquals(List.of(false), passes, "an inspection: it answers, it does not throw");
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void aLocalThrowingBlockTasksLetsOtherTasksThrough() {
        airlock.run(() -> airlock.withPolicy(BlockTasks.throwingOnEnqueue("reserve")).run(() -> airlock.enqueue(Mailer::ping)));
        assertEquals(List.of("ping()"), Calls.all());
    }

    @Test
    void passesLocalPoliciesJudgesItNeverEnqueues() {
        Policy enqueuing = intent -> {
            Airlock.get().enqueue(Mailer::ping);
            return true;
        };
        assertThrows(PolicyEnqueueException.class, () -> airlock.run(() -> airlock.withPolicy(enqueuing).run(() -> {
            Intent intent = airlock.enqueue(Warehouse::reserve, 1L);
            assertThrows(PolicyEnqueueException.class, intent::passesLocalPolicies);
            assertEquals(1, airlock.currentScope().orElseThrow().intents().size(), "nothing was enqueued by the inspection");
        })), "the flush asks the policy too, and refuses its enqueue the same way");
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void localPolicyBlockReturnsTheValue() {
        String value = airlock.withPolicy(i -> true).call(() -> "v");
        assertEquals("v", value);
    }
}
