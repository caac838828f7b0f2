package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.fixtures.Calls;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.Mailer;
import io.airlock.fixtures.Warehouse;
import io.airlock.policy.BlockTasks;
import io.airlock.policy.DropAll;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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

    @Test
    void localPolicyBlockReturnsTheValue() {
        String value = airlock.withPolicy(i -> true).call(() -> "v");
        assertEquals("v", value);
    }
}
