package io.airlock.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.Scope;
import io.airlock.UsageException;
import io.airlock.docs.shop.Calls;
import io.airlock.docs.shop.Mailer;
import io.airlock.docs.shop.Order;
import io.airlock.docs.shop.Warehouse;
import io.airlock.executor.Backoff;
import io.airlock.policy.AssertNoEffects;
import io.airlock.policy.BlockTasks;
import io.airlock.policy.DropAll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** docs/migrating-from-python.md */
class MigratingTest extends DocTest {

    @Test
    void scopes() {
        Order order = new Order(42L, "a@b.c");
        // tag::scopes[]
        airlock.run(() -> order.process());                                 // with airlock.scope():
        airlock.scope().policy(new DropAll()).run(() -> order.process());   // with airlock.scope(policy=airlock.DropAll()):
        airlock.run(() -> airlock.withPolicy(new BlockTasks("sendConfirmation"))   // with airlock.policy(BlockTasks({...})):
                .run(() -> order.process()));                               //   a local policy, inside a scope
        Optional<Scope> current = airlock.currentScope();                   // airlock.get_current_scope()
        // end::scopes[]
        assertTrue(current.isEmpty());
        assertEquals(List.of("sendConfirmation(42, a@b.c)", "reserveStock(42)", "reserveStock(42)"), Calls.all());
        assertThrows(Exception.class, () -> airlock.scope().policy(new AssertNoEffects()).run(() -> order.process()));
    }

    @Test
    void options() {
        List<Intent> sent = new ArrayList<>();
        IntentExecutor queue = sent::add;   // stands for the jms executor, which honours every option
        airlock.scope().executor(queue).run(() -> {
            // tag::options[]
            // airlock.enqueue(send_email, 42, _dispatch_options={"countdown": 60, "queue": "emails", "priority": 9})
            airlock.options(DispatchOptions.builder()
                            .delay(Duration.ofSeconds(60))
                            .destination("java:app/jms/Emails")
                            .priority(9)
                            .build())
                   .enqueue(Mailer::sendReminder, 42L);
            // end::options[]
        });
        assertEquals("DispatchOptions{delay=PT1M, destination=java:app/jms/Emails, priority=9}", sent.get(0).options().toString());
    }

    void foreignNames() {
        // tag::foreign[]
        DispatchOptions.of(Map.of("countdown", 60));
        // UsageException: Dispatch option 'countdown' is a Python task queue's option, and no airlock executor reads it:
        // Celery's countdown (seconds) is delay(Duration): DispatchOptions.builder().delay(Duration.ofSeconds(n)).
        // end::foreign[]
    }

    @Test
    void foreignNamesAreRefused() {
        UsageException e = assertThrows(UsageException.class, this::foreignNames);
        assertEquals("Dispatch option 'countdown' is a Python task queue's option, and no airlock executor reads it: Celery's countdown "
                + "(seconds) is delay(Duration): DispatchOptions.builder().delay(Duration.ofSeconds(n)).", e.getMessage());
    }

    void notHonoured() {
        // tag::notHonoured[]
        airlock.scope().executor(IntentExecutor.sync()).run(() ->
                airlock.options(DispatchOptions.builder().delay(Duration.ofMinutes(5)).build())
                       .enqueue(Mailer::sendReminder, 42L));
        // UsageException: Cannot enqueue sendReminder(42) with dispatch option 'delay': sync, the executor of its scope,
        // cannot honour it, and the option would be lost. It is honoured by the managed executor (a
        // ManagedScheduledExecutorService) and the jms executor (a delivery delay): choose one for the scope ...
        // end::notHonoured[]
    }

    @Test
    void anOptionTheExecutorCannotHonourIsRefusedAtEnqueue() {
        UsageException e = assertThrows(UsageException.class, this::notHonoured);
        assertTrue(e.getMessage().startsWith("Cannot enqueue sendReminder(42) with dispatch option 'delay': sync, the executor of its scope, "
                + "cannot honour it, and the option would be lost. It is honoured by the managed executor (a ManagedScheduledExecutorService) "
                + "and the jms executor (a delivery delay): choose one for the scope"), e.getMessage());
        assertEquals(List.of(), Calls.all(), "nothing ran");
    }

    @Test
    void retryPolicy() {
        IntentExecutor jms = intent -> Calls.record("sent " + intent);
        // tag::retryPolicy[]
        // "retry": True, "retry_policy": {"max_retries": 3, "interval_start": 0.2, "interval_max": 2}
        IntentExecutor publishing = jms.withRetry(4, Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(2)));
        // end::retryPolicy[]
        airlock.scope().executor(publishing).run(() -> airlock.enqueue(Warehouse::reserveStock, 42L));
        assertEquals(List.of("sent reserveStock(42)"), Calls.all());
    }
}
