package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.fixtures.Calls;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.LogCapture;
import io.airlock.fixtures.Mailer;
import io.airlock.fixtures.Warehouse;
import io.airlock.policy.AllowAll;
import io.airlock.policy.AssertNoEffects;
import io.airlock.policy.BlockTasks;
import io.airlock.policy.DropAll;
import io.airlock.policy.LogOnFlush;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CleanAirlock.class)
class PolicyTest {

    private final Airlock airlock = Airlock.get();

    private void order() {
        airlock.enqueue(Warehouse::reserve, 1L);
        airlock.enqueue(Mailer::sendConfirmation, 1L, "a@b.c");
    }

    @Test
    void allowAllDispatchesEverything() {
        airlock.scope().policy(new AllowAll()).run(this::order);
        assertEquals(List.of("reserve(1)", "sendConfirmation(1, a@b.c)"), Calls.all());
    }

    @Test
    void dropAllBuffersButDispatchesNothing() {
        List<Intent> seen = airlock.scope().policy(new DropAll()).call(() -> {
            order();
            return airlock.currentScope().orElseThrow().intents();
        });
        assertEquals(2, seen.size(), "a dry run still shows what would have escaped");
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void assertNoEffectsThrowsAtEnqueueAndBuffersNothing() {
        Scope scope = airlock.scope().policy(new AssertNoEffects()).open();
        try {
            PolicyViolationException e = assertThrows(PolicyViolationException.class, () -> airlock.enqueue(Warehouse::reserve, 5L));
            assertTrue(e.getMessage().contains("reserve(5)"), e.getMessage());
            assertEquals(List.of(), scope.intents());
        } finally {
            scope.exit();
            scope.flush();
        }
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void blockTasksDropsTheNamedTasksAtFlushAndKeepsThemBufferedUntilThen() {
        int buffered = airlock.scope().policy(new BlockTasks("sendConfirmation")).call(() -> {
            order();
            return airlock.currentScope().orElseThrow().intents().size();
        });
        assertEquals(2, buffered, "the blocked task stays buffered while the scope is open");
        assertEquals(List.of("reserve(1)"), Calls.all());
    }

    @Test
    void blockTasksCanRefuseAtEnqueue() {
        PolicyViolationException e = assertThrows(PolicyViolationException.class,
                () -> airlock.scope().policy(BlockTasks.throwingOnEnqueue("sendConfirmation")).run(this::order));
        assertTrue(e.getMessage().contains("sendConfirmation"), e.getMessage());
        assertEquals(List.of(), Calls.all(), "the scope was discarded by the exception");
    }

    @Test
    void blockTasksSeesExplicitNames() {
        airlock.scope().policy(new BlockTasks("reminder")).run(() -> {
            airlock.named("reminder").enqueue(Mailer::sendReminder, 1L);
            airlock.enqueue(Mailer::sendReminder, 2L);
        });
        assertEquals(List.of("sendReminder(2)"), Calls.all());
    }

    @Test
    void logOnFlushLogsEachDispatchedIntentAndAllowsIt() {
        List<LogRecord> records;
        try (LogCapture log = new LogCapture("airlock.test.logonflush")) {
            airlock.scope().policy(new LogOnFlush(Logger.getLogger("airlock.test.logonflush"))).run(this::order);
            records = log.records();
        }
        assertEquals(2, records.size());
        assertEquals("reserve(1)", records.get(0).getParameters()[0].toString());
        assertEquals(2, Calls.all().size());
    }

    @Test
    void logOnFlushLastInAnAllOfLogsOnlyWhatThePoliciesBeforeItAllow() {
        List<LogRecord> records;
        try (LogCapture log = new LogCapture("airlock.test.logonflush")) {
            airlock.scope().policy(Policy.allOf(new BlockTasks("reserve"), new LogOnFlush(Logger.getLogger("airlock.test.logonflush")))).run(this::order);
            records = log.records();
        }
        assertEquals(List.of("sendConfirmation(1, \"a@b.c\")"), records.stream().map(r -> r.getParameters()[0].toString()).toList());
        assertEquals(List.of("sendConfirmation(1, a@b.c)"), Calls.all());
    }

    @Test
    void logOnFlushNeedsALogger() {
        UsageException e = assertThrows(UsageException.class, () -> new LogOnFlush(null));
        assertTrue(e.getMessage().contains("new LogOnFlush()"), e.getMessage());
    }

    @Test
    void allOfNeedsEveryPolicy() {
        airlock.scope().policy(Policy.allOf(new LogOnFlush(), new BlockTasks("reserve"))).run(this::order);
        assertEquals(List.of("sendConfirmation(1, a@b.c)"), Calls.all());
    }

    @Test
    void aCustomPolicyObservesEnqueueAndFiltersAtFlush() {
        List<String> observed = new ArrayList<>();
        Policy onlyMail = new Policy() {
            @Override
            public void onEnqueue(Intent intent) {
                observed.add(intent.name());
            }

            @Override
            public boolean allows(Intent intent) {
                return intent.targetType().orElseThrow() == Mailer.class;
            }
        };
        airlock.scope().policy(onlyMail).run(this::order);
        assertEquals(List.of("reserve", "sendConfirmation"), observed);
        assertEquals(List.of("sendConfirmation(1, a@b.c)"), Calls.all());
    }

    @Test
    void policiesNeverEnqueueFromOnEnqueue() {
        Policy sneaky = new Policy() {
            @Override
            public void onEnqueue(Intent intent) {
                airlock.enqueue(Mailer::ping);
            }

            @Override
            public boolean allows(Intent intent) {
                return true;
            }
        };
        PolicyEnqueueException e = assertThrows(PolicyEnqueueException.class, () -> airlock.scope().policy(sneaky).run(this::order));
        assertTrue(e.getMessage().contains("ping"), e.getMessage());
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void policiesNeverEnqueueFromAllows() {
        Policy sneaky = intent -> {
            airlock.enqueue(Mailer::ping);
            return true;
        };
        assertThrows(PolicyEnqueueException.class, () -> airlock.scope().policy(sneaky).run(this::order));
        assertEquals(List.of(), Calls.all(), "fails before anything is dispatched");
    }

    @Test
    void localPoliciesNeverEnqueueEither() {
        Policy sneaky = intent -> {
            airlock.enqueue(Mailer::ping);
            return true;
        };
        assertThrows(PolicyEnqueueException.class, () -> airlock.run(() -> airlock.withPolicy(sneaky).run(this::order)));
        assertThrows(PolicyEnqueueException.class, () -> airlock.scope().policy(new DropAll()).run(() -> airlock.withPolicy(sneaky).run(this::order)));
    }
}
