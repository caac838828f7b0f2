package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.concurrent.ManagedIntentExecutor;
import io.airlock.executor.Backoff;
import io.airlock.fixtures.Calls;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.Mailer;
import io.airlock.internal.jms.TaskRegistry;
import io.airlock.internal.store.StoreWiring;
import io.airlock.jms.JmsIntentExecutor;
import io.airlock.policy.DropAll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No dispatch option is silently lost: the Python task queues' option names are refused when options are built,
 * naming the Java equivalent, and a well-known option the executor cannot honour is refused at enqueue.
 */
@ExtendWith(CleanAirlock.class)
class OptionsHonouredTest {

    /** A declared task, so that an intent of it can travel (JMS) and be durable. */
    public static class Courier {
        @AirlockTask
        public void deliver(Long parcel) {
        }
    }

    static final Map<String, Object> VALUE_OF = new LinkedHashMap<>();

    static {
        VALUE_OF.put(DispatchOptions.DELAY, Duration.ofSeconds(5));
        VALUE_OF.put(DispatchOptions.DELIVER_AT, Instant.parse("2030-01-31T12:00:00Z"));
        VALUE_OF.put(DispatchOptions.DESTINATION, "java:app/jms/Other");
        VALUE_OF.put(DispatchOptions.PRIORITY, 9);
        VALUE_OF.put(DispatchOptions.TIME_TO_LIVE, Duration.ofHours(1));
        VALUE_OF.put(DispatchOptions.MAX_RETRIES, 3);
    }

    static final Set<String> ALL = VALUE_OF.keySet();
    static final Set<String> SYNC = Set.of(DispatchOptions.TIME_TO_LIVE);
    static final Set<String> MANAGED = Set.of(DispatchOptions.DELAY, DispatchOptions.DELIVER_AT, DispatchOptions.DESTINATION);

    /** Each built-in executor (nothing is dispatched: the scopes drop everything), with the options it honours. */
    static Stream<Arguments> executorsAndOptions() {
        IntentExecutor sync = IntentExecutor.sync();
        IntentExecutor managed = ManagedIntentExecutor.builder().lookup(name -> null).build();
        IntentExecutor jms = JmsIntentExecutor.builder().queueName("java:app/jms/Tasks").build();
        Function<IntentExecutor, IntentExecutor> durable = delegate -> StoreWiring.create(name -> delegate, TaskRegistry::new).executor("x", delegate);
        Set<String> syncAndRetries = Set.of(DispatchOptions.TIME_TO_LIVE, DispatchOptions.MAX_RETRIES);
        Set<String> managedAndRetries = Set.of(DispatchOptions.DELAY, DispatchOptions.DELIVER_AT, DispatchOptions.DESTINATION,
                DispatchOptions.MAX_RETRIES);

        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("sync", new Object[] {sync, SYNC, SYNC});
        cases.put("managed", new Object[] {managed, MANAGED, MANAGED});
        // a method reference travels as a message; a lambda runs in place, synchronously
        cases.put("jms", new Object[] {jms, ALL, SYNC});
        cases.put("retry(sync)", new Object[] {sync.withRetry(3, Backoff.none()), SYNC, SYNC});
        cases.put("retry(managed)", new Object[] {managed.withRetry(3, Backoff.none()), MANAGED, MANAGED});
        cases.put("fallback(jms, sync)", new Object[] {jms.orElse(sync), SYNC, SYNC});
        cases.put("fallback(jms, managed)", new Object[] {jms.orElse(managed), MANAGED, Set.of()});
        cases.put("route(method reference: jms, else sync)",
                new Object[] {IntentExecutor.route(i -> i.method().isPresent(), jms, sync), ALL, SYNC});
        cases.put("durable(sync)", new Object[] {durable.apply(sync), syncAndRetries, null});
        cases.put("durable(managed)", new Object[] {durable.apply(managed), managedAndRetries, null});
        cases.put("durable(jms)", new Object[] {durable.apply(jms), ALL, null});

        List<Arguments> arguments = new ArrayList<>();
        cases.forEach((name, c) -> {
            for (String option : ALL) {
                arguments.add(Arguments.of(name, c[0], option, true, ((Set<?>) c[1]).contains(option)));
                if (c[2] != null) {   // a durable scope takes declared tasks only
                    arguments.add(Arguments.of(name, c[0], option, false, ((Set<?>) c[2]).contains(option)));
                }
            }
        });
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} {2} (method reference: {3}) honoured: {4}")
    @MethodSource("executorsAndOptions")
    void aBuiltInExecutorTakesTheOptionsItHonoursAndRefusesTheOthersAtEnqueue(String name, IntentExecutor executor, String option,
            boolean methodReference, boolean honoured) {
        Airlock airlock = Airlock.get();
        Enqueuer withOption = airlock.options(DispatchOptions.builder().set(option, VALUE_OF.get(option)).build());
        Runnable enqueue = methodReference ? () -> withOption.enqueue(Courier::deliver, 7L) : () -> withOption.enqueue("adHoc", () -> { });
        if (honoured) {
            List<Intent> buffered = airlock.scope().policy(new DropAll()).executor(executor).call(() -> {
                enqueue.run();
                return airlock.currentScope().orElseThrow().intents();
            });
            assertEquals(1, buffered.size());
            assertEquals(VALUE_OF.get(option), buffered.get(0).options().get(option).orElseThrow());
        } else {
            UsageException e = assertThrows(UsageException.class, () -> airlock.scope().policy(new DropAll()).executor(executor).run(enqueue::run));
            assertTrue(e.getMessage().contains("dispatch option '" + option + "'"), e.getMessage());
            assertTrue(e.getMessage().contains(executor.toString() + ", the executor of its scope, cannot honour it"), e.getMessage());
            assertTrue(e.getMessage().contains("It is honoured by " + DispatchOptions.honouredBy(option)), e.getMessage());
        }
    }

    @Test
    void anEnclosingScopeThatWouldDispatchTheIntentMustHonourItsOptionsToo() {
        Airlock airlock = Airlock.get();
        IntentExecutor managed = ManagedIntentExecutor.builder().lookup(name -> null).build();
        DispatchOptions delayed = DispatchOptions.builder().delay(Duration.ofMinutes(1)).build();
        // a nested scope whose executor was not chosen: the enclosing (sync) scope captures its intents and dispatches them
        UsageException e = assertThrows(UsageException.class, () -> airlock.scope().policy(new DropAll()).executor(IntentExecutor.sync()).run(() -> {
            Scope inner = new Scope(new DropAll(), managed).enter();
            try {
                airlock.options(delayed).enqueue(Mailer::sendReminder, 1L);
            } finally {
                inner.exit();
                inner.discard();
            }
        }));
        assertTrue(e.getMessage().contains("sync, the executor of an enclosing scope that dispatches it"), e.getMessage());

        // an executor chosen for the nested scope travels with its intents: the enclosing scope's is not asked
        List<Intent> captured = airlock.scope().policy(new DropAll()).executor(IntentExecutor.sync()).call(() -> {
            airlock.scope().executor(managed).run(() -> airlock.options(delayed).enqueue(Mailer::sendReminder, 1L));
            return airlock.currentScope().orElseThrow().capturedIntents();
        });
        assertEquals("[sendReminder(1)]", captured.toString());
    }

    @Test
    void aCustomExecutorIsTrustedWithEveryOptionAndSeesItsCustomKeys() {
        Airlock airlock = Airlock.get();
        List<String> seen = new ArrayList<>();
        IntentExecutor custom = intent -> seen.add(intent.name() + " " + intent.options().asMap());
        DispatchOptions options = DispatchOptions.builder().delay(Duration.ofSeconds(1)).priority(2).maxRetries(1)
                .set("heavy", true).set("tenant", "acme").build();
        airlock.scope().executor(custom).run(() -> airlock.options(options).enqueue(Mailer::ping));
        assertEquals(List.of("ping {delay=PT1S, priority=2, maxRetries=1, heavy=true, tenant=acme}"), seen);

        // custom keys are not asked about: a built-in executor keeps them (for a route's predicate, a policy) and runs the task
        airlock.scope().executor(IntentExecutor.sync()).run(() -> airlock.options(DispatchOptions.builder().set("heavy", true).build())
                .enqueue(Mailer::ping));
        assertEquals(List.of("ping()"), Calls.all());
    }

    @Test
    void aCustomExecutorMayRefuseWhatItCannotHonour() {
        IntentExecutor noDelays = new IntentExecutor() {
            @Override
            public void execute(Intent intent) throws Exception {
                intent.invoke();
            }

            @Override
            public boolean honours(String option, Intent intent) {
                return !option.equals(DispatchOptions.DELAY);
            }

            @Override
            public String toString() {
                return "noDelays";
            }
        };
        UsageException e = assertThrows(UsageException.class, () -> Airlock.get().scope().executor(noDelays)
                .run(() -> Airlock.get().options(DispatchOptions.builder().delay(Duration.ofSeconds(1)).build()).enqueue(Mailer::ping)));
        assertTrue(e.getMessage().startsWith("Cannot enqueue ping() with dispatch option 'delay': noDelays, the executor of its scope"), e.getMessage());
    }

    // ------------------------------------------------------------------ the Python task queues' option names

    static final Map<String, String> FOREIGN = new LinkedHashMap<>();

    static {
        FOREIGN.put("countdown", "delay(Duration)");                       // Celery
        FOREIGN.put("eta", "deliverAt(Instant)");                          // Celery, Huey
        FOREIGN.put("queue", "destination(String)");                       // Celery
        FOREIGN.put("expires", "timeToLive(Duration)");                    // Celery
        FOREIGN.put("retry", "IntentExecutor.withRetry(attempts, Backoff)");  // Celery (and django-q's count: maxRetries)
        FOREIGN.put("retry_policy", "IntentExecutor.withRetry(attempts, Backoff)");
        FOREIGN.put("retries", "maxRetries(int)");                         // Huey
        FOREIGN.put("max_retries", "maxRetries(int)");                     // Dramatiq
        FOREIGN.put("group", "has no equivalent");                         // django-q
        FOREIGN.put("timeout", "has no dispatch option");                  // django-q
        FOREIGN.put("hook", "has no equivalent");                          // django-q
        FOREIGN.put("sync", "IntentExecutor.sync()");                      // django-q
    }

    @ParameterizedTest
    @ValueSource(strings = {"countdown", "eta", "queue", "expires", "retry", "retry_policy", "retries", "max_retries", "group", "timeout", "hook",
        "sync"})
    void aPythonTaskQueueOptionIsRefusedNamingItsJavaEquivalent(String key) {
        UsageException built = assertThrows(UsageException.class, () -> DispatchOptions.builder().set(key, 60));
        assertTrue(built.getMessage().startsWith("Dispatch option '" + key + "' is a Python task queue's option, and no airlock executor reads it: "),
                built.getMessage());
        assertTrue(built.getMessage().contains(FOREIGN.get(key)), built.getMessage());
        assertEquals(DispatchOptions.foreignKeyAdvice(key).orElseThrow() + ".",
                built.getMessage().substring(built.getMessage().indexOf("reads it: ") + "reads it: ".length()));

        Map<String, Object> migrated = new HashMap<>();
        migrated.put("priority", 9);
        migrated.put(key, 60);
        UsageException fromMap = assertThrows(UsageException.class, () -> DispatchOptions.of(migrated));
        assertEquals(built.getMessage(), fromMap.getMessage());
    }

    @Test
    void everyRefusedNameIsTested() {
        assertEquals(FOREIGN.keySet(), DispatchOptions.foreignKeys());
        assertTrue(DispatchOptions.foreignKeyAdvice("heavy").isEmpty());
        assertTrue(DispatchOptions.foreignKeyAdvice(null).isEmpty());
    }

    @Test
    void theSharedNamesKeepAirlocksMeaning() {
        // Dramatiq's delay is milliseconds, as a number here; Huey's was seconds: write Duration.ofSeconds
        assertEquals(Duration.ofMillis(60_000), DispatchOptions.of(Map.of("delay", 60_000)).delay().orElseThrow());
        // Celery's priority 0-9 fits; Dramatiq's priority 10 does not
        assertEquals(9, DispatchOptions.of(Map.of("priority", 9)).priority().getAsInt());
        UsageException e = assertThrows(UsageException.class, () -> DispatchOptions.of(Map.of("priority", 10)));
        assertTrue(e.getMessage().contains("expected an integer from 0 to 9"), e.getMessage());
    }
}
