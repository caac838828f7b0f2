package io.airlock.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Intent;
import io.airlock.Policy;
import io.airlock.PolicyViolationException;
import io.airlock.docs.shop.Calls;
import io.airlock.docs.shop.Mailer;
import io.airlock.docs.shop.Warehouse;
import io.airlock.policy.LogOnFlush;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/custom-policies.md */
class CustomPoliciesTest extends DocTest {

    // tag::onlyTasks[]
    /** An allow-list: only the named tasks escape; the others are dropped silently at flush. */
    public static class OnlyTasks implements Policy {
        private final Set<String> allowed;

        public OnlyTasks(String... names) {
            this.allowed = Set.of(names);
        }

        @Override
        public boolean allows(Intent intent) {
            return allowed.contains(intent.name());
        }
    }
    // end::onlyTasks[]

    // tag::noEmails[]
    /** Refuses, at enqueue, any intent on the Mailer: the code that tries fails where it is written. */
    public static class NoEmails implements Policy {
        @Override
        public void onEnqueue(Intent intent) {
            if (intent.targetType().filter(Mailer.class::equals).isPresent()) {
                throw new PolicyViolationException("No emails in a data migration: " + intent);
            }
        }

        @Override
        public boolean allows(Intent intent) {
            return true;
        }
    }
    // end::noEmails[]

    @Test
    void allowList() {
        // tag::useOnlyTasks[]
        airlock.scope().policy(new OnlyTasks("reserveStock")).run(() -> {
            airlock.enqueue(Warehouse::reserveStock, 42L);            // runs
            airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c");  // dropped at flush
        });
        // end::useOnlyTasks[]
        assertEquals(List.of("reserveStock(42)"), Calls.all());
    }

    @Test
    void lambda() {
        // tag::lambda[]
        Policy noReminders = intent -> !intent.name().equals("sendReminder");
        // end::lambda[]
        airlock.scope().policy(noReminders).run(() -> airlock.enqueue(Mailer::sendReminder, 1L));
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void refuseAtEnqueue() {
        PolicyViolationException e = assertThrows(PolicyViolationException.class, () -> {
            // tag::useNoEmails[]
            airlock.scope().policy(new NoEmails()).run(() -> {
                airlock.enqueue(Warehouse::reserveStock, 42L);
                airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c");  // PolicyViolationException, here
            });
            // end::useNoEmails[]
        });
        assertTrue(e.getMessage().contains("sendConfirmation(42, \"a@b.c\")"), e.getMessage());
        assertEquals(List.of(), Calls.all(), "the exception discarded the scope");
    }

    @Test
    void combine() {
        // tag::allOf[]
        Policy migration = Policy.allOf(new OnlyTasks("reserveStock"), new LogOnFlush()); // logs what the allow-list lets through
        // end::allOf[]
        airlock.scope().policy(migration).run(() -> {
            airlock.enqueue(Warehouse::reserveStock, 1L);
            airlock.enqueue(Mailer::sendReminder, 1L);
        });
        assertEquals(List.of("reserveStock(1)"), Calls.all());
    }

    @Test
    void local() {
        // tag::local[]
        airlock.run(() -> {
            airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c");
            airlock.withPolicy(new OnlyTasks("reserveStock")).run(() -> {
                airlock.enqueue(Warehouse::reserveStock, 42L);   // allowed by both
                airlock.enqueue(Mailer::sendReminder, 42L);      // dropped by the local policy
            });
        });
        // end::local[]
        assertEquals(List.of("sendConfirmation(42, a@b.c)", "reserveStock(42)"), Calls.all());
    }
}
