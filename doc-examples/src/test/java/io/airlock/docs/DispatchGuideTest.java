package io.airlock.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.Policy;
import io.airlock.Scope;
import io.airlock.concurrent.ManagedIntentExecutor;
import io.airlock.docs.shop.Calls;
import io.airlock.docs.shop.Mailer;
import io.airlock.docs.shop.Payments;
import io.airlock.docs.shop.Warehouse;
import io.airlock.executor.Backoff;
import io.airlock.policy.BlockTasks;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/dispatch-guide.md */
class DispatchGuideTest extends DocTest {

    ConcurrencyRi ri;
    ManagedExecutorService executorService;
    ManagedScheduledExecutorService scheduledExecutorService;

    @BeforeEach
    void managed() {
        ri = new ConcurrencyRi();
        executorService = ri.executor.getAdapter();
        scheduledExecutorService = ri.scheduler.getAdapter();
    }

    @AfterEach
    void shutdown() {
        ri.close();
    }

    static void await(int calls) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (Calls.all().size() < calls && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void sync() {
        // tag::sync[]
        airlock.scope().executor(IntentExecutor.sync()).run(() ->
                airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c"));
        // ran on this thread, when the block ended: Mailer.sendConfirmation(42, "a@b.c")
        // end::sync[]
        assertEquals(List.of("sendConfirmation(42, a@b.c)"), Calls.all());
    }

    @Test
    void managedExecutor() throws Exception {
        long start = System.currentTimeMillis();
        // tag::managed[]
        IntentExecutor managed = ManagedIntentExecutor.builder()
                .executorService(executorService)                   // in a server: looked up in JNDI,
                .scheduledExecutorService(scheduledExecutorService) // java:comp/DefaultManaged...
                .build();

        airlock.scope().executor(managed).run(() -> {
            airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c");          // submitted at flush
            airlock.options(DispatchOptions.builder().delay(Duration.ofMillis(300)).build())
                   .enqueue(Mailer::sendReminder, 42L);                       // scheduled 300 ms later
        });
        // end::managed[]
        await(2);
        assertEquals(List.of("sendConfirmation(42, a@b.c)", "sendReminder(42)"), Calls.all());
        assertTrue(System.currentTimeMillis() - start >= 300);
    }

    @Test
    void handOver() throws Exception {
        IntentExecutor managed = ManagedIntentExecutor.builder().executorService(executorService)
                .scheduledExecutorService(scheduledExecutorService).build();
        Payments.serviceDown(true);
        // tag::handOver[]
        airlock.scope().executor(managed).run(() -> airlock.enqueue(Payments::capture, 42L));
        // returns normally: the task was handed to the executor service. It fails later, on a managed
        // thread, where it is logged with its intent; the caller never sees that failure
        // end::handOver[]
        await(1);
        assertEquals(List.of("capture(42) failed"), Calls.all());
    }

    @Test
    void options() {
        List<Intent> seen = new ArrayList<>();
        airlock.scope().executor(seen::add).run(() -> {
            // tag::options[]
            DispatchOptions options = DispatchOptions.builder()
                    .delay(Duration.ofMinutes(5))                 // run no earlier than 5 minutes after dispatch
                    .deliverAt(Instant.parse("2030-01-31T12:00:00Z")) // ... or no earlier than this instant
                    .destination("java:app/jms/Emails")           // another queue or executor service
                    .priority(9)                                  // 0 to 9, higher first
                    .timeToLive(Duration.ofHours(1))              // expire if not run within an hour
                    .maxRetries(3)                                // redeliveries before giving up
                    .set("heavy", true)                           // any custom key, for your own executor
                    .build();

            airlock.options(options).enqueue(Mailer::sendReminder, 42L);
            // end::options[]
            assertEquals(7, options.asMap().size());
        });
        assertEquals(7, seen.get(0).options().asMap().size(), "a custom executor is trusted with every option");
    }

    void invalidOptionsExample() {
        // tag::invalidOption[]
        DispatchOptions.builder().priority(12);   // UsageException: Invalid dispatch option 'priority': 12 (Integer); expected an integer from 0 to 9.
        // end::invalidOption[]
    }

    // tag::customScopeType[]
    /** A scope that always dispatches through the background executor, whatever the runner says. */
    public static class BackgroundScope extends Scope {
        static IntentExecutor background;   // the application's managed executor, set at start-up

        public BackgroundScope(Policy policy, IntentExecutor ignored) {
            super(policy, background);
        }
    }
    // end::customScopeType[]

    @Test
    void customScopeType() throws Exception {
        BackgroundScope.background = ManagedIntentExecutor.builder().executorService(executorService)
                .scheduledExecutorService(scheduledExecutorService).build();
        // tag::useScopeType[]
        airlock.scope().type(BackgroundScope::new).run(() -> airlock.enqueue(Warehouse::reserveStock, 42L));
        // end::useScopeType[]
        await(1);
        assertEquals(List.of("reserveStock(42)"), Calls.all());
    }

    @Test
    void phases() {
        // tag::phases[]
        // 1. enqueue: intents are buffered in the scope, in order
        Scope scope = airlock.scope().policy(new BlockTasks("sendReminder")).open();
        airlock.enqueue(Warehouse::reserveStock, 42L);
        airlock.enqueue(Mailer::sendReminder, 42L);
        airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c");
        scope.exit();

        // 2. policies (at flush): local policies, then the scope's, judge each intent; order is kept
        // 3. dispatch: the survivors go to the executor one by one, fail-fast
        List<Intent> dispatched = scope.flush();   // [reserveStock(42), sendConfirmation(42, "a@b.c")]
        // end::phases[]
        assertEquals("[reserveStock(42), sendConfirmation(42, \"a@b.c\")]", dispatched.toString());
        assertEquals(List.of("reserveStock(42)", "sendConfirmation(42, a@b.c)"), Calls.all());
    }

    void failFastExample() {
        // tag::failFast[]
        airlock.run(() -> {
            airlock.enqueue(Warehouse::reserveStock, 42L);            // runs
            airlock.enqueue(Payments::capture, 42L);                  // throws: card service down
            airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c");  // never attempted
        });   // throws the IllegalStateException of capture; the scope stays flushed
        // end::failFast[]
    }

    @Test
    void invalidOptions() {
        io.airlock.UsageException e = assertThrows(io.airlock.UsageException.class, this::invalidOptionsExample);
        assertEquals("Invalid dispatch option 'priority': 12 (Integer); expected an integer from 0 to 9.", e.getMessage());
    }

    @Test
    void failFast() {
        Payments.serviceDown(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, this::failFastExample);
        assertEquals("card service down", e.getMessage());
        assertEquals(List.of("reserveStock(42)", "capture(42) failed"), Calls.all());
    }

    @Test
    void patterns() throws InterruptedException {
        IntentExecutor background = ManagedIntentExecutor.builder().executorService(executorService)
                .scheduledExecutorService(scheduledExecutorService).build();
        List<String> routed = new ArrayList<>();
        IntentExecutor queue = intent -> {
            routed.add(intent.name());
            background.execute(intent);
        };
        // tag::conditional[]
        IntentExecutor smart = IntentExecutor.route(
                intent -> intent.options().get("heavy", Boolean.class).orElse(false),
                queue,                    // heavy work: a queue or a managed executor
                IntentExecutor.sync());   // the rest: here, now
        // end::conditional[]
        // tag::fallback[]
        IntentExecutor resilient = queue
                .withRetry(3, Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(2)))
                .orElse(IntentExecutor.sync());   // queue unavailable after 3 attempts: run it here
        // end::fallback[]
        airlock.scope().executor(smart).run(() -> {
            airlock.enqueue(Mailer::sendReminder, 1L);
            airlock.options(DispatchOptions.builder().set("heavy", true).build()).enqueue(Warehouse::reserveStock, 2L);
        });
        assertEquals(List.of("reserveStock"), routed);
        await(2);
        assertEquals(List.of("reserveStock(2)", "sendReminder(1)"), Calls.all().stream().sorted().toList(), "each ran once");
        assertTrue(resilient.toString().startsWith("fallback(retry("), resilient.toString());
    }
}
