package io.airlock.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.Policy;
import io.airlock.Scope;
import io.airlock.docs.shop.Audit;
import io.airlock.docs.shop.Calls;
import io.airlock.docs.shop.Mailer;
import io.airlock.docs.shop.Warehouse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/nesting.md */
class NestingTest extends DocTest {

    // tag::auditScope[]
    /** Lets audit records of nested scopes escape on their own; captures everything else. */
    public static class AuditThrough extends Scope {
        public AuditThrough(Policy policy, IntentExecutor executor) {
            super(policy, executor);
        }

        @Override
        public List<Intent> beforeDescendantFlushes(Scope exitingScope, List<Intent> intents) {
            return intents.stream().filter(i -> i.name().equals("record")).toList();
        }
    }
    // end::auditScope[]

    // tag::independent[]
    /** Lets every nested scope flush on its own: nested blocks become independent. */
    public static class Independent extends Scope {
        public Independent(Policy policy, IntentExecutor executor) {
            super(policy, executor);
        }

        @Override
        public List<Intent> beforeDescendantFlushes(Scope exitingScope, List<Intent> intents) {
            return intents;
        }
    }
    // end::independent[]

    @Test
    void capture() {
        // tag::capture[]
        airlock.run(() -> {
            airlock.enqueue(Warehouse::reserveStock, 42L);
            airlock.run(() -> airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c"));
            // end::capture[]
            assertEquals(List.of(), Calls.all());
            // tag::capture[]
            // the inner block ended, and nothing ran: the outer scope captured the email
        });
        // now both run, in enqueue order: reserveStock(42), sendConfirmation(42, "a@b.c")
        // end::capture[]
        assertEquals(List.of("reserveStock(42)", "sendConfirmation(42, a@b.c)"), Calls.all());
    }

    @Test
    void outerDiscardDropsCaptured() {
        assertThrows(IllegalStateException.class, () -> {
            // tag::outerFails[]
            airlock.run(() -> {
                airlock.run(() -> airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c"));
                throw new IllegalStateException("import failed");   // the outer scope discards: no email
            });
            // end::outerFails[]
        });
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void selective() {
        assertThrows(IllegalStateException.class, () -> {
            // tag::selective[]
            airlock.scope().type(AuditThrough::new).run(() -> {
                airlock.run(() -> {
                    airlock.enqueue(Audit::record, "order 42 checked");
                    airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c");
                });   // the audit record runs now; the email is captured by the outer scope
                throw new IllegalStateException("payment declined");   // ... and discarded with it
            });
            // end::selective[]
        });
        assertEquals(List.of("audit(order 42 checked)"), Calls.all());
    }

    @Test
    void independent() {
        airlock.scope().type(Independent::new).run(() -> {
            airlock.run(() -> airlock.enqueue(Audit::record, "step 1"));
            assertEquals(List.of("audit(step 1)"), Calls.all());
        });
    }

    @Test
    void outermostStillHasAuthority() {
        airlock.run(() -> airlock.scope().type(Independent::new).run(() ->
                airlock.run(() -> airlock.enqueue(Audit::record, "step 1"))));
        assertEquals(List.of("audit(step 1)"), Calls.all());
        Calls.clear();
        assertThrows(IllegalStateException.class, () -> airlock.run(() -> {
            airlock.scope().type(Independent::new).run(() -> airlock.run(() -> airlock.enqueue(Audit::record, "step 1")));
            throw new IllegalStateException();
        }));
        assertEquals(List.of(), Calls.all(), "the outermost default scope captured it and discarded");
    }

    @Test
    void provenance() {
        airlock.run(() -> {
            // tag::provenance[]
            Scope outer = airlock.currentScope().orElseThrow();
            airlock.enqueue(Warehouse::reserveStock, 42L);
            airlock.run(() -> airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c"));

            outer.intents();           // [reserveStock(42), sendConfirmation(42, "a@b.c")]
            outer.ownIntents();        // [reserveStock(42)]
            outer.capturedIntents();   // [sendConfirmation(42, "a@b.c")]
            // end::provenance[]
            assertEquals("[reserveStock(42), sendConfirmation(42, \"a@b.c\")]", outer.intents().toString());
            assertEquals("[reserveStock(42)]", outer.ownIntents().toString());
            assertEquals("[sendConfirmation(42, \"a@b.c\")]", outer.capturedIntents().toString());
        });
    }
}
