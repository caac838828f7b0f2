package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.fixtures.Calls;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.Mailer;
import io.airlock.fixtures.Warehouse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CleanAirlock.class)
class EnqueueTest {

    private final Airlock airlock = Airlock.get();

    @Test
    void nothingRunsAtEnqueueEverythingRunsAtFlushInEnqueueOrder() {
        airlock.run(() -> {
            airlock.enqueue(Warehouse::reserve, 7L);
            airlock.enqueue(Mailer::sendConfirmation, 7L, "a@b.c");
            airlock.enqueue(Mailer::ping);
            assertEquals(List.of(), Calls.all(), "a task ran before its scope flushed");
            assertEquals(3, airlock.currentScope().orElseThrow().intents().size());
        });
        assertEquals(List.of("reserve(7)", "sendConfirmation(7, a@b.c)", "ping()"), Calls.all());
    }

    @Test
    void fifoHoldsOverManyIntents() {
        airlock.run(() -> {
            for (long i = 0; i < 500; i++) {
                airlock.enqueue(i % 2 == 0 ? Warehouse::reserve : Warehouse::reserve, i);
            }
        });
        List<String> calls = Calls.all();
        assertEquals(500, calls.size());
        for (int i = 0; i < 500; i++) {
            assertEquals("reserve(" + i + ")", calls.get(i));
        }
    }

    @Test
    void everyArityFromZeroToFive() {
        airlock.run(() -> {
            airlock.enqueue(Mailer::ping);
            airlock.enqueue(Mailer::sendReminder, 1L);
            airlock.enqueue(Mailer::sendConfirmation, 2L, "x@y.z");
            airlock.enqueue(Mailer::five, "a", "b", "c", "d", "e");
        });
        assertEquals(List.of("ping()", "sendReminder(1)", "sendConfirmation(2, x@y.z)", "five(abcde)"), Calls.all());
    }

    @Test
    void noScopeFailsNamingTheTaskAndHowToOpenAScope() {
        NoScopeException e = assertThrows(NoScopeException.class, () -> airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c"));
        assertTrue(e.getMessage().contains("sendConfirmation(42, \"a@b.c\")"), e.getMessage());
        assertTrue(e.getMessage().contains("@Airlocked"), e.getMessage());
        assertTrue(e.getMessage().contains("airlock.run"), e.getMessage());
        assertTrue(e instanceof UsageException);
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void theIntentReadsLikeACall() {
        Intent intent = airlock.scope().policy(i -> false).call(() -> airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c"));
        assertEquals("sendConfirmation(42, \"a@b.c\")", intent.toString());
        assertEquals("sendConfirmation", intent.name());
        assertEquals(List.of(42L, "a@b.c"), intent.args());
        assertThrows(UnsupportedOperationException.class, () -> intent.args().add("more"));
    }

    @Test
    void aMethodReferenceCarriesItsMethodIdentity() throws Exception {
        Intent intent = airlock.scope().policy(i -> false).call(() -> airlock.enqueue(Mailer::sendConfirmation, 1L, "x"));
        TaskMethod method = intent.method().orElseThrow();
        assertEquals(Mailer.class, method.targetType());
        assertEquals(Mailer.class, method.declaringClass());
        assertEquals("sendConfirmation", method.methodName());
        assertEquals(List.of(Long.class, String.class), method.parameterTypes());
        assertEquals(Mailer.class.getMethod("sendConfirmation", Long.class, String.class), method.method());
        assertFalse(intent.isAdHoc());
    }

    @Test
    void theMethodIsReadOncePerCallSite() {
        Task1<Warehouse, Long> first = Warehouse::reserve;
        TaskInfo a = TaskIntrospector.of(first);
        TaskInfo b = TaskIntrospector.of(first);
        assertSame(a, b, "the call site's info must be cached, not recomputed");
        for (int i = 0; i < 3; i++) {
            Task1<Warehouse, Long> sameSite = Warehouse::reserve;
            assertSame(TaskIntrospector.of(sameSite), TaskIntrospector.of(sameSite));
        }
        assertEquals("reserve", a.name());
    }

    @Test
    void aLambdaRunsInProcessButHasNoMethodIdentity() {
        Intent intent = airlock.call(() -> airlock.enqueue((Mailer m, Long id) -> m.sendReminder(id + 1), 41L));
        assertTrue(intent.method().isEmpty());
        assertEquals(Mailer.class, intent.targetType().orElseThrow());
        assertEquals("aLambdaRunsInProcessButHasNoMethodIdentity$lambda0", intent.name().replaceAll("lambda\\d+$", "lambda0"));
        assertEquals(List.of("sendReminder(42)"), Calls.all());
    }

    /** Every shape a compiler gives a lambda's body, and names that are not lambdas' left alone. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "lambda$main$ab2a2c6$1, main$lambda1",
            "lambda$checkout$0, checkout$lambda0",
            "lambda$checkout$ffffffff$12, checkout$lambda12",
            "lambda$static$3f$0, static$lambda0",
            "lambda$new$1a2b$2, new$lambda2",
            "lambda$a$b$c0ffee$4, a$b$lambda4",
            "lambda$my$method$0, my$method$lambda0",
            "lambda$0, lambda0",
            "lambda$7, lambda7",
            "lambda$$0, lambda0",
            "lambda$x$notanumber, lambda$x$notanumber",
            "sendReminder, sendReminder",
            "lambdaStyle, lambdaStyle"})
    void lambdaBodiesGetReadableNames(String implName, String expected) {
        assertEquals(expected, TaskIntrospector.lambdaName(implName));
    }

    @Test
    void aLambdaInAStaticContextIsNamedReadably() {
        Intent intent = airlock.call(StaticLambdas::enqueue);
        assertEquals("enqueue$lambda", intent.name().replaceAll("\\d+$", ""));
    }

    static final class StaticLambdas {
        static Intent enqueue() {
            return Airlock.get().enqueue((Mailer m) -> m.ping());
        }
    }

    @Test
    void adHocTasksHaveANameAndABody() {
        Intent intent = airlock.call(() -> airlock.enqueue("audit", () -> Calls.record("audit ran")));
        assertEquals("audit", intent.name());
        assertTrue(intent.isAdHoc());
        assertTrue(intent.method().isEmpty());
        assertEquals(List.of("audit ran"), Calls.all());
        assertThrows(UsageException.class, () -> airlock.run(() -> airlock.enqueue(" ", () -> { })));
        assertThrows(UsageException.class, () -> airlock.run(() -> airlock.enqueue("x", null)));
    }

    @Test
    void explicitNameOriginAndOptions() {
        DispatchOptions options = DispatchOptions.builder().delay(Duration.ofSeconds(5)).priority(9).build();
        Intent intent = airlock.scope().policy(i -> false).executor(queued -> { })
                .call(() -> airlock.named("confirmation").origin("POST /checkout").options(options).enqueue(Mailer::sendReminder, 3L));
        assertEquals("confirmation", intent.name());
        assertEquals("POST /checkout", intent.origin().orElseThrow());
        assertSame(options, intent.options());
        assertEquals("sendReminder", intent.method().orElseThrow().methodName(), "an explicit name does not change the method");
        assertThrows(UsageException.class, () -> airlock.named(""));
    }

    @Test
    void aNullTaskIsAUsageError() {
        Task1<Mailer, Long> none = null;
        assertThrows(UsageException.class, () -> airlock.run(() -> airlock.enqueue(none, 1L)));
    }

    @Test
    void idsAreUniqueAcrossThreads() throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> airlock.scope().policy(i -> false).run(() -> {
                for (int i = 0; i < 2_000; i++) {
                    ids.add(airlock.enqueue(Mailer::ping).id());
                }
            }));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(16_000, ids.size());
        Set<String> two = new HashSet<>();
        airlock.scope().policy(i -> false).run(() -> {
            two.add(airlock.enqueue(Mailer::ping).id());
            two.add(airlock.enqueue(Mailer::ping).id());
        });
        assertEquals(2, two.size());
    }

    @Test
    void theStaticEntryPointIsTheSameAirlock() {
        assertSame(Airlock.get(), Airlock.get());
        Scope scope = Airlock.get().scope().policy(i -> false).open();
        try {
            assertSame(scope, Airlock.get().currentScope().orElseThrow());
        } finally {
            scope.exit();
            scope.discard();
        }
    }

    @Test
    void anIntentCanBeRebuiltFromItsMethodIdentity() throws Exception {
        TaskMethod method = new TaskMethod(Mailer.class, Mailer.class, "sendConfirmation", List.of(Long.class, String.class));
        Intent rebuilt = Intent.builder(method, List.of(9L, "q@r.s")).id("remote-1").origin("queue").build();
        assertEquals("remote-1", rebuilt.id());
        assertEquals("sendConfirmation(9, \"q@r.s\")", rebuilt.toString());
        rebuilt.invoke();
        assertEquals(List.of("sendConfirmation(9, q@r.s)"), Calls.all());
        assertThrows(UsageException.class, () -> Intent.builder(method, List.of(1L)));
        TaskMethod missing = new TaskMethod(Mailer.class, Mailer.class, "noSuchMethod", List.of());
        assertThrows(UsageException.class, missing::method);
        assertNotEquals(rebuilt.id(), Intent.builder(method, List.of(9L, "x")).build().id());
    }
}
