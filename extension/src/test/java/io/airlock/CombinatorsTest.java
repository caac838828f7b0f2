package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.executor.Backoff;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.Mailer;
import io.airlock.policy.DropAll;
import io.airlock.spi.TransactionBinding;
import io.airlock.spi.TransactionSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Composition keeps every capability of the composed executors: one batch of each delegate per flush,
 * opened before anything is dispatched and closed after, and the in-transaction decision made per intent as
 * the delegate that gets it would. {@code JmsInTransactionTest} shows the same with the JMS executor's
 * in-transaction mode and a real transaction manager.
 */
@ExtendWith(CleanAirlock.class)
class CombinatorsTest {

    private final Airlock airlock = Airlock.get();

    /** Records its batches; refuses the sends it is told to, and says whether it dispatches in the transaction. */
    static final class Recording implements IntentExecutor {
        final String name;
        final boolean inTransaction;
        final List<String> events;
        final List<String> failOn = new ArrayList<>();
        boolean failOpen;
        /** How many openings to refuse before one succeeds (a broker that comes back). */
        int refuseOpens;

        Recording(String name, boolean inTransaction, List<String> events) {
            this.name = name;
            this.inTransaction = inTransaction;
            this.events = events;
        }

        @Override
        public void execute(Intent intent) throws Exception {
            try (Batch batch = openBatch(List.of(intent))) {
                batch.execute(intent);
            }
        }

        @Override
        public Batch openBatch(List<Intent> intents) {
            if (refuseOpens > 0) {
                refuseOpens--;
                events.add(name + " open refused");
                throw new IllegalStateException(name + " cannot open yet");
            }
            if (failOpen) {
                events.add(name + " open refused");
                throw new IllegalStateException(name + " cannot open");
            }
            events.add(name + " open " + intents.stream().map(i -> i.args().get(0).toString()).toList());
            return new Batch() {
                @Override
                public void execute(Intent intent) {
                    String arg = intent.args().get(0).toString();
                    if (failOn.remove(arg)) {
                        events.add(name + " failed " + arg);
                        throw new IllegalStateException(name + " failed " + arg);
                    }
                    events.add(name + " sent " + arg);
                }

                @Override
                public void close() {
                    events.add(name + " close");
                }
            };
        }

        @Override
        public boolean dispatchesInTransaction(Intent intent) {
            return inTransaction;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final List<String> events = new ArrayList<>();
    private final Recording a = new Recording("a", false, events);
    private final Recording b = new Recording("b", false, events);

    private void flush(IntentExecutor executor, String... reminders) {
        airlock.scope().executor(executor).run(() -> {
            for (String r : reminders) {
                airlock.enqueue(Mailer::explode, r);
            }
        });
    }

    private Intent intent(String arg) {
        return airlock.scope().policy(new DropAll()).call(() -> airlock.enqueue(Mailer::explode, arg));
    }

    // ---------------------------------------------------------------- batches

    /** A retry never runs an intent after its time to live, counted from its first attempt; one without keeps its attempts. */
    @Test
    void retryStopsBeforeAnAttemptPastTheIntentsTimeToLive() {
        for (long ttl : new long[] {1, 250, 10_000}) {
            List<Long> attemptsAt = new java.util.concurrent.CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            IntentExecutor retrying = IntentExecutor.sync().withRetry(4, Backoff.fixed(Duration.ofMillis(100)));
            DispatchOptions options = DispatchOptions.builder().timeToLive(Duration.ofMillis(ttl)).build();
            assertThrows(IllegalStateException.class, () -> airlock.scope().executor(retrying).run(() -> airlock.options(options)
                    .enqueue("flaky", () -> {
                        attemptsAt.add((System.nanoTime() - start) / 1_000_000);
                        throw new IllegalStateException("down");
                    })));
            int expected = ttl == 1 ? 1 : ttl == 250 ? 3 : 4; // 100 ms apart: attempts at about 0, 100 and 200 ms fit in 250 ms
            assertTrue(attemptsAt.size() <= expected, ttl + " ms: " + attemptsAt);
            assertTrue(attemptsAt.size() >= (ttl == 250 ? 1 : expected), ttl + " ms: " + attemptsAt); // a slow machine may fit fewer
            long first = attemptsAt.get(0);
            for (long at : attemptsAt) {
                assertTrue(at - first < ttl + 50, ttl + " ms: an attempt after the time to live: " + attemptsAt); // 50: the clock reads around it
            }
        }
    }

    @Test
    void retryOpensOneBatchOfItsDelegatePerFlush() {
        flush(a.withRetry(3, Backoff.none()), "1", "2", "3");
        assertEquals(List.of("a open [1, 2, 3]", "a sent 1", "a sent 2", "a sent 3", "a close"), events);
    }

    @Test
    void retryClosesAFailedBatchAndRetriesInANewOneForTheIntentsStillToGo() {
        a.failOn.addAll(List.of("2", "2"));
        flush(a.withRetry(3, Backoff.none()), "1", "2", "3");
        assertEquals(List.of("a open [1, 2, 3]", "a sent 1", "a failed 2", "a close", "a open [2, 3]", "a failed 2", "a close",
                "a open [2, 3]", "a sent 2", "a sent 3", "a close"), events);
    }

    @Test
    void retryGivesUpAfterItsAttemptsWithEveryFailureAttached() {
        a.failOn.addAll(List.of("2", "2", "2"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> flush(a.withRetry(3, Backoff.none()), "1", "2", "3"));
        assertEquals(2, e.getSuppressed().length + e.getSuppressed()[0].getSuppressed().length);
        assertTrue(events.stream().noneMatch(x -> x.equals("a sent 3")), "fail-fast: 3 was never attempted: " + events);
    }

    @Test
    void retryDoesNotRetryAnUndeliverableIntent() {
        IntentExecutor refusing = new IntentExecutor() {
            @Override
            public void execute(Intent intent) {
                events.add("sent");
            }

            @Override
            public Batch openBatch(List<Intent> intents) {
                events.add("open");
                throw new UndeliverableIntentException(intents.get(0), "cannot carry it", null);
            }
        };
        assertThrows(UndeliverableIntentException.class, () -> flush(refusing.withRetry(5, Backoff.none()), "1"));
        assertEquals(List.of("open"), events);
    }

    @Test
    void retryRetriesOpeningABatchUpToItsAttempts() {
        a.refuseOpens = 2;
        flush(a.withRetry(3, Backoff.none()), "1", "2");
        assertEquals(List.of("a open refused", "a open refused", "a open [1, 2]", "a sent 1", "a sent 2", "a close"), events);

        events.clear();
        List<DispatchFailure> failures = new ArrayList<>();
        airlock.configure(c -> c.withFailureListener(failures::add));
        a.refuseOpens = 3;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> flush(a.withRetry(3, Backoff.none()), "1", "2"));
        assertEquals(List.of("a open refused", "a open refused", "a open refused"), events);
        assertEquals(2, e.getSuppressed().length + e.getSuppressed()[0].getSuppressed().length, "every failed opening is attached");
        assertEquals("1", failures.get(0).failed().args().get(0));
        assertEquals(1, failures.get(0).notAttempted().size());
    }

    @Test
    void aFallbackAfterARetryTakesOverOnlyOnceEveryOpeningFailed() {
        a.refuseOpens = 3;
        flush(a.withRetry(3, Backoff.none()).orElse(b), "1");
        assertEquals(List.of("a open refused", "a open refused", "a open refused", "b open [1]", "b sent 1", "b close"), events);
        events.clear();
        a.refuseOpens = 2;
        flush(a.withRetry(3, Backoff.none()).orElse(b), "1");
        assertEquals(List.of("a open refused", "a open refused", "a open [1]", "a sent 1", "a close"), events);
    }

    @Test
    void retryNeverRetriesAnUndeliverableIntentWhereverItIsThrown() {
        Intent one = intent("1");
        int[] tries = {0};
        IntentExecutor refusing = i -> {
            tries[0]++;
            throw new UndeliverableIntentException(i, "cannot carry it", null);
        };
        assertThrows(UndeliverableIntentException.class, () -> refusing.withRetry(5, Backoff.fixed(Duration.ofSeconds(10))).execute(one));
        assertEquals(1, tries[0], "from execute");
        tries[0] = 0;
        assertThrows(UndeliverableIntentException.class, () -> flush(refusing.withRetry(5, Backoff.fixed(Duration.ofSeconds(10))), "1"));
        assertEquals(1, tries[0], "from a batch's execute");

        // from reopening the batch after a failed attempt
        a.failOn.add("2");
        IntentExecutor reopenRefused = new IntentExecutor() {
            int opened;

            @Override
            public void execute(Intent intent) throws Exception {
                a.execute(intent);
            }

            @Override
            public Batch openBatch(List<Intent> intents) throws Exception {
                if (opened++ > 0) {
                    events.add("reopen refused");
                    throw new UndeliverableIntentException(intents.get(0), "cannot carry it", null);
                }
                return a.openBatch(intents);
            }
        };
        assertThrows(UndeliverableIntentException.class, () -> flush(reopenRefused.withRetry(5, Backoff.none()), "1", "2"));
        assertEquals(List.of("a open [1, 2]", "a sent 1", "a failed 2", "a close", "reopen refused"), events);
    }

    @Test
    void aRouteWhoseChoiceFailsNamesTheIntentItFailedFor() {
        List<DispatchFailure> failures = new ArrayList<>();
        airlock.configure(c -> c.withFailureListener(failures::add));
        Predicate<Intent> throwsOnTwo = i -> {
            if (i.args().get(0).equals("2")) {
                throw new IllegalArgumentException("no rule for 2");
            }
            return true;
        };
        Function<Intent, IntentExecutor> noneForTwo = i -> i.args().get(0).equals("2") ? null : a;
        for (IntentExecutor route : List.of(IntentExecutor.route(throwsOnTwo, a, b),
                new io.airlock.executor.RoutingExecutor(noneForTwo, "byArg"),
                IntentExecutor.route(throwsOnTwo, a, b).withRetry(3, Backoff.none()),
                IntentExecutor.route(throwsOnTwo, a.orElse(b), b))) {
            failures.clear();
            events.clear();
            UndeliverableIntentException e = assertThrows(UndeliverableIntentException.class, () -> flush(route, "1", "2", "3"), route.toString());
            assertTrue(e.getMessage().contains("for explode(\"2\")"), e.getMessage());
            assertEquals(List.of(), events.stream().filter(x -> x.contains("sent")).toList(), "nothing sent: " + route);
            assertEquals(1, failures.size(), route.toString());
            assertEquals("2", failures.get(0).failed().args().get(0), route.toString());
            assertEquals(List.of("1", "3"), failures.get(0).notAttempted().stream().map(i -> i.args().get(0)).toList(), route.toString());
        }
        IllegalArgumentException cause = assertThrows(UndeliverableIntentException.class, () -> flush(IntentExecutor.route(throwsOnTwo, a, b), "2"))
                .getCause() instanceof IllegalArgumentException iae ? iae : null;
        assertEquals("no rule for 2", cause.getMessage(), "the choice's own failure is the cause");
    }

    /** One transaction, active for the whole test. */
    private static final class ActiveTransaction implements TransactionBinding, TransactionSupport {
        final List<Consumer<Status>> completions = new ArrayList<>();

        @Override
        public TransactionBinding current() {
            return this;
        }

        @Override
        public Status status() {
            return Status.ACTIVE;
        }

        @Override
        public void whenComplete(Consumer<Status> action) {
            completions.add(action);
        }

        @Override
        public Scope joinedScope(Supplier<Scope> factory) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void inATransactionAnExecutorThatCannotSayWhereAnIntentGoesFailsTheFlushAndIsReported() {
        List<DispatchFailure> failures = new ArrayList<>();
        ActiveTransaction tx = new ActiveTransaction();
        airlock.configure(c -> c.withFailureListener(failures::add).withTransactionSupport(tx));
        Recording inTx = new Recording("inTx", true, events);
        Predicate<Intent> throwsOnTwo = i -> {
            if (i.args().get(0).equals("2")) {
                throw new IllegalArgumentException("no rule for 2");
            }
            return true;
        };
        assertThrows(UndeliverableIntentException.class, () -> flush(IntentExecutor.route(throwsOnTwo, inTx, a), "1", "2", "3"));
        assertEquals("2", failures.get(0).failed().args().get(0));
        assertEquals(List.of("1", "3"), failures.get(0).notAttempted().stream().map(i -> i.args().get(0)).toList());

        failures.clear();
        UsageException mixed = assertThrows(UsageException.class, () -> flush(inTx.orElse(a), "1", "2"));
        assertTrue(mixed.getMessage().contains("cannot honour both"), mixed.getMessage());
        assertEquals(1, failures.size(), "reported, not only thrown");
        assertEquals("1", failures.get(0).failed().args().get(0));
        assertEquals(List.of(), events, "nothing sent");
        assertEquals(List.of(), tx.completions, "nothing waits for the commit");
    }

    @Test
    void inATransactionARouteIsAskedOncePerIntentWhereItGoes() {
        ActiveTransaction tx = new ActiveTransaction();
        airlock.configure(c -> c.withTransactionSupport(tx));
        Recording inTx = new Recording("inTx", true, events);
        int[] asked = {0};
        flush(IntentExecutor.route(i -> ++asked[0] > 0, inTx, a), "1", "2");
        assertEquals(List.of("inTx open [1, 2]", "inTx sent 1", "inTx sent 2", "inTx close"), events);
        assertEquals(4, asked[0], "once per intent to split the batch, once when its batch opens");
    }

    @Test
    void anExponentialBackoffReachesItsMaxHoweverSmallItsStart() {
        Backoff b = Backoff.exponential(Duration.ofNanos(1), Duration.ofHours(1));
        assertEquals(Duration.ofNanos(1), b.before(1));
        assertEquals(Duration.ofNanos(2), b.before(2));
        assertEquals(Duration.ofHours(1), b.before(43));
        assertEquals(Duration.ofHours(1), b.before(64));
        assertEquals(Duration.ofHours(1), b.before(Integer.MAX_VALUE));
        Backoff big = Backoff.exponential(Duration.ofDays(365), Duration.ofDays(365 * 1000));
        assertEquals(Duration.ofDays(365 * 1000), big.before(Integer.MAX_VALUE), "beyond a Duration: max");
        assertEquals(Duration.ZERO, Backoff.exponential(Duration.ZERO, Duration.ofHours(1)).before(100));
    }

    @Test
    void aComposedExecutorNamesItsLambdasWithoutTheirIdentity() {
        IntentExecutor lambda = intent -> events.add("ran");
        String name = "lambda in " + CombinatorsTest.class.getName();
        assertEquals("retry(" + name + ", 2)", lambda.withRetry(2, Backoff.none()).toString());
        assertEquals("fallback(" + name + ", sync)", lambda.orElse(IntentExecutor.sync()).toString());
        assertEquals("route(a, " + name + ")", IntentExecutor.route(i -> true, a, lambda).toString());
        IntentExecutor anonymous = new IntentExecutor() {
            @Override
            public void execute(Intent intent) {
            }
        };
        assertEquals("retry(" + anonymous.getClass().getName() + ", 3)", anonymous.withRetry(3, Backoff.none()).toString());
        UsageException refused = assertThrows(UsageException.class, () -> airlock.scope().executor(IntentExecutor.sync().orElse(lambda))
                .run(() -> airlock.options(DispatchOptions.builder().priority(9).build()).enqueue(Mailer::explode, "1")));
        assertTrue(refused.getMessage().contains("'priority': fallback(sync, " + name + "), the executor of its scope"), refused.getMessage());
    }

    @Test
    void fallbackOpensThePrimaryBatchAndTheSecondaryOnlyAtTheFirstFailure() {
        flush(a.orElse(b), "1", "2");
        assertEquals(List.of("a open [1, 2]", "a sent 1", "a sent 2", "a close"), events);
        events.clear();
        a.failOn.add("2");
        flush(a.orElse(b), "1", "2", "3");
        assertEquals(List.of("a open [1, 2, 3]", "a sent 1", "a failed 2", "b open [2, 3]", "b sent 2", "a sent 3", "a close", "b close"),
                events);
    }

    @Test
    void fallbackTakesTheWholeFlushToTheSecondaryWhenThePrimaryCannotOpen() {
        a.failOpen = true;
        flush(a.orElse(b), "1", "2");
        assertEquals(List.of("a open refused", "b open [1, 2]", "b sent 1", "b sent 2", "b close"), events);
        b.failOpen = true;
        events.clear();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> flush(a.orElse(b), "1"));
        assertEquals("b cannot open", e.getMessage());
        assertEquals("a cannot open", e.getSuppressed()[0].getMessage());
    }

    @Test
    void routeOpensABatchOfEachExecutorWithItsIntentsBeforeSendingAny() {
        Predicate<Intent> odd = i -> Integer.parseInt(i.args().get(0).toString()) % 2 == 1;
        flush(IntentExecutor.route(odd, a, b), "1", "2", "3", "4");
        assertEquals(List.of("a open [1, 3]", "b open [2, 4]", "a sent 1", "b sent 2", "a sent 3", "b sent 4", "a close", "b close"), events);
        events.clear();
        flush(IntentExecutor.route(odd, a, b), "2", "4");
        assertEquals(List.of("b open [2, 4]", "b sent 2", "b sent 4", "b close"), events, "no batch for an executor without intents");
    }

    @Test
    void routeClosesTheFirstBatchWhenTheSecondCannotOpen() {
        b.failOpen = true;
        assertThrows(IllegalStateException.class, () -> flush(IntentExecutor.route(i -> i.args().get(0).equals("1"), a, b), "1", "2"));
        assertEquals(List.of("a open [1]", "b open refused", "a close"), events);
    }

    // ------------------------------------------------- in the transaction or after the commit

    @Test
    void everyCombinatorAnswersPerIntentAsTheDelegateThatGetsIt() {
        Recording inTx = new Recording("inTx", true, events);
        Recording after = new Recording("after", false, events);
        Intent one = intent("1");
        Intent two = intent("2");
        for (Recording x : List.of(inTx, after)) {
            assertEquals(x.inTransaction, x.withRetry(2, Backoff.none()).dispatchesInTransaction(one), "retry of " + x);
            assertEquals(x.inTransaction, x.orElse(x).dispatchesInTransaction(one), "fallback of " + x);
            assertEquals(x.inTransaction, IntentExecutor.route(i -> true, x, x).dispatchesInTransaction(one), "route of " + x);
            assertEquals(x.inTransaction, x.withRetry(2, Backoff.none()).orElse(x).withRetry(2, Backoff.none())
                    .dispatchesInTransaction(one), "nested " + x);
        }
        IntentExecutor route = IntentExecutor.route(i -> i == one, inTx, after);
        assertTrue(route.dispatchesInTransaction(one));
        assertTrue(!route.dispatchesInTransaction(two));
        assertTrue(route.withRetry(2, Backoff.none()).dispatchesInTransaction(one));
        assertTrue(!route.withRetry(2, Backoff.none()).dispatchesInTransaction(two));
        assertTrue(route.orElse(route).dispatchesInTransaction(one));
        UsageException mixed = assertThrows(UsageException.class, () -> inTx.orElse(after).dispatchesInTransaction(one));
        assertTrue(mixed.getMessage().contains("inTx sends it inside the transaction and after after the commit"), mixed.getMessage());
        assertThrows(UsageException.class, () -> after.orElse(inTx).dispatchesInTransaction(one));
        assertTrue(!IntentExecutor.sync().dispatchesInTransaction(one));
    }
}
