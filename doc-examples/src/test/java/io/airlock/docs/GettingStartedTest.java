package io.airlock.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Intent;
import io.airlock.NoScopeException;
import io.airlock.docs.shop.Calls;
import io.airlock.docs.shop.Mailer;
import io.airlock.docs.shop.Warehouse;
import io.airlock.policy.DropAll;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/getting-started.md */
class GettingStartedTest extends DocTest {

    @Test
    void enqueueInABlock() {
        // tag::first[]
        airlock.run(() -> {
            airlock.enqueue(Warehouse::reserveStock, 42L);
            airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c");
            // end::first[]
            assertEquals(List.of(), Calls.all());
            // tag::first[]
            // nothing has run yet: both intents wait in the block's scope
        });
        // the block ended normally: reserveStock(42), then sendConfirmation(42, "a@b.c"), in that order
        // end::first[]
        assertEquals(List.of("reserveStock(42)", "sendConfirmation(42, a@b.c)"), Calls.all());
    }

    @Test
    void anExceptionDiscards() {
        // tag::discard[]
        try {
            airlock.run(() -> {
                airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c");
                throw new IllegalStateException("payment declined");
            });
        } catch (IllegalStateException e) {
            // the same exception, unchanged; the email was discarded with the scope
        }
        // end::discard[]
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void noScopeNoEnqueue() {
        NoScopeException e = assertThrows(NoScopeException.class, () -> {
            // tag::noScope[]
            airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c");   // NoScopeException: no scope is open
            // end::noScope[]
        });
        assertTrue(e.getMessage().contains("sendConfirmation(42, \"a@b.c\")"), e.getMessage());
        assertTrue(e.getMessage().contains("@Airlocked"), e.getMessage());
    }

    @Test
    void aDryRun() {
        // tag::dryRun[]
        List<Intent> wouldRun = airlock.scope().policy(new DropAll()).call(() -> {
            airlock.enqueue(Warehouse::reserveStock, 42L);
            airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c");
            return airlock.currentScope().orElseThrow().intents();
        });
        // nothing ran; wouldRun is [reserveStock(42), sendConfirmation(42, "a@b.c")]
        // end::dryRun[]
        assertEquals(List.of(), Calls.all());
        assertEquals("[reserveStock(42), sendConfirmation(42, \"a@b.c\")]", wouldRun.toString());
    }
}
