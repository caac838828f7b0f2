package io.airlock.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.Policy;
import io.airlock.PolicyEnqueueException;
import io.airlock.Scope;
import io.airlock.ScopeCapacityException;
import io.airlock.ScopeStateException;
import io.airlock.docs.shop.Audit;
import io.airlock.docs.shop.Calls;
import io.airlock.docs.shop.Mailer;
import io.airlock.docs.shop.Warehouse;
import io.airlock.policy.BlockTasks;
import io.airlock.policy.DropAll;
import io.airlock.policy.LogOnFlush;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/core-model.md */
class CoreModelTest extends DocTest {

    @Test
    void anIntent() {
        Intent intent = airlock.call(() -> {
            // tag::intent[]
            Intent reminder = airlock.origin("POST /checkout")
                    .options(DispatchOptions.builder().timeToLive(Duration.ofDays(1)).build())
                    .enqueue(Mailer::sendConfirmation, 42L, "a@b.c");

            reminder.name();       // "sendConfirmation": the method's name
            reminder.args();       // [42, a@b.c]
            reminder.toString();   // sendConfirmation(42, "a@b.c")
            reminder.origin();     // Optional[POST /checkout]
            reminder.options();    // DispatchOptions{timeToLive=PT24H}
            // end::intent[]
            return reminder;
        });
        assertEquals("sendConfirmation", intent.name());
        assertEquals(List.of(42L, "a@b.c"), intent.args());
        assertEquals("sendConfirmation(42, \"a@b.c\")", intent.toString());
        assertEquals("POST /checkout", intent.origin().orElseThrow());
        assertEquals(Duration.ofDays(1), intent.options().timeToLive().orElseThrow());
        assertEquals("DispatchOptions{timeToLive=PT24H}", intent.options().toString());
        assertEquals(List.of("sendConfirmation(42, a@b.c)"), Calls.all());
    }

    @Test
    void namedAndAdHoc() {
        airlock.run(() -> {
            // tag::named[]
            airlock.named("welcomeEmail").enqueue(Mailer::sendConfirmation, 42L, "a@b.c");
            airlock.enqueue("audit", () -> new Audit().record("checkout 42"));   // ad-hoc: in-process only
            // end::named[]
            assertEquals(List.of("welcomeEmail", "audit"), airlock.currentScope().orElseThrow().intents().stream().map(Intent::name).toList());
        });
        assertEquals(List.of("sendConfirmation(42, a@b.c)", "audit(checkout 42)"), Calls.all());
    }

    @Test
    void whenWhatHow() {
        // tag::whenWhatHow[]
        airlock.scope()
                .policy(new BlockTasks("sendConfirmation"))   // WHAT: everything but the email
                .executor(IntentExecutor.sync())              // HOW: on this thread, at the end of the block
                .run(() -> {                                  // WHEN: when this block ends normally
                    airlock.enqueue(Warehouse::reserveStock, 42L);
                    airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c");
                });
        // end::whenWhatHow[]
        assertEquals(List.of("reserveStock(42)"), Calls.all());
    }

    @Test
    void longRunningWorkInChunks() {
        List<Long> orderIds = java.util.stream.LongStream.range(0, 2_500).boxed().toList();
        // tag::chunks[]
        int chunk = 1_000;
        for (int from = 0; from < orderIds.size(); from += chunk) {
            List<Long> ids = orderIds.subList(from, Math.min(from + chunk, orderIds.size()));
            airlock.scope().maxIntents(chunk).run(() -> {     // one scope per chunk: its intents escape when it ends
                for (Long id : ids) {
                    airlock.enqueue(Warehouse::reserveStock, id);
                }
            });
        }
        // end::chunks[]
        assertEquals(2_500, Calls.all().size());
        Calls.clear();
        // tag::limit[]
        ScopeCapacityException full = assertThrows(ScopeCapacityException.class, () ->
                airlock.scope().maxIntents(1_000).run(() -> orderIds.forEach(id -> airlock.enqueue(Warehouse::reserveStock, id))));
        full.maxIntents();   // 1000: the 1,001st enqueue failed, the scope discarded, nothing escaped
        // end::limit[]
        assertEquals(1_000, full.maxIntents());
        assertEquals(List.of(), Calls.all());
    }

    /** core-model.md: chunks inside an enclosing scope are captured by it; an Independent outermost scope lets them through. */
    @Test
    void chunksInsideAnEnclosingScopeAreCapturedByIt() {
        List<Long> orderIds = java.util.stream.LongStream.range(0, 2_500).boxed().toList();
        Runnable chunks = () -> {
            for (int from = 0; from < orderIds.size(); from += 1_000) {
                List<Long> ids = orderIds.subList(from, Math.min(from + 1_000, orderIds.size()));
                airlock.scope().maxIntents(1_000).run(() -> ids.forEach(id -> airlock.enqueue(Warehouse::reserveStock, id)));
            }
        };
        airlock.run(() -> {                                   // stands for the request's scope, an @Airlocked caller
            chunks.run();
            assertEquals(List.of(), Calls.all(), "nothing escaped: the enclosing scope captured every chunk");
            assertEquals(2_500, airlock.currentScope().orElseThrow().intents().size());
        });
        assertEquals(2_500, Calls.all().size());
        Calls.clear();

        ScopeCapacityException full = assertThrows(ScopeCapacityException.class, () ->
                airlock.scope().maxIntents(1_500).run(chunks::run)); // a limit on the enclosing scope (airlock.scope.max-intents)
        assertTrue(full.getMessage().contains("capture the 1000 intent(s)"), full.getMessage());
        assertTrue(full.getMessage().contains("where no scope encloses them"), full.getMessage());
        assertEquals(List.of(), Calls.all(), "the enclosing scope failed with the exception, and discarded");
        Calls.clear();

        airlock.scope().type(NestingTest.Independent::new).run(() -> {   // outermost, and lets nested scopes through
            chunks.run();
            assertEquals(2_500, Calls.all().size());
        });
        Calls.clear();
        airlock.run(() -> airlock.scope().type(NestingTest.Independent::new).run(() -> {
            chunks.run();
            assertEquals(List.of(), Calls.all(), "a default scope further out still captures");
        }));
        assertEquals(2_500, Calls.all().size());
    }

    @Test
    void localPolicy() {
        // tag::localPolicy[]
        airlock.run(() -> {
            airlock.enqueue(Warehouse::reserveStock, 42L);
            airlock.withPolicy(new DropAll()).run(() ->
                    airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c"));   // same buffer, dropped at flush
            airlock.enqueue(Mailer::sendReminder, 42L);
        });
        // ran: reserveStock(42), sendReminder(42)
        // end::localPolicy[]
        assertEquals(List.of("reserveStock(42)", "sendReminder(42)"), Calls.all());
    }

    @Test
    void appDefaults() {
        // tag::configure[]
        airlock.configure(config -> config.withPolicy(new LogOnFlush()).withExecutor(IntentExecutor.sync()));
        // end::configure[]
        assertTrue(airlock.configuration().policy() instanceof LogOnFlush);
        // tag::configure[]
        airlock.resetConfiguration();   // back to the deployed configuration, in a test's tear-down
        // end::configure[]
        assertTrue(airlock.configuration().policy() instanceof io.airlock.policy.AllowAll);
    }

    void aScopeIsSingleUse() {
        // tag::singleUse[]
        Scope scope = airlock.scope().open();
        airlock.enqueue(Warehouse::reserveStock, 42L);
        scope.exit();
        scope.flush();   // dispatches reserveStock(42)
        // end::singleUse[]
        // tag::singleUse[]
        scope.flush();   // ScopeStateException: the scope has already been flushed
        // end::singleUse[]
    }

    @Test
    void singleUseThrows() {
        assertThrows(ScopeStateException.class, this::aScopeIsSingleUse);
        assertEquals(List.of("reserveStock(42)"), Calls.all());
    }

    @Test
    void policiesNeverEnqueue() {
        // tag::policiesJudge[]
        Policy sneaky = intent -> {
            airlock.enqueue(Mailer::sendReminder, 42L);   // PolicyEnqueueException: policies judge, never enqueue
            return true;
        };
        // end::policiesJudge[]
        assertThrows(PolicyEnqueueException.class,
                () -> airlock.scope().policy(sneaky).run(() -> airlock.enqueue(Warehouse::reserveStock, 42L)));
        assertEquals(List.of(), Calls.all());
    }
}
