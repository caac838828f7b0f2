package io.airlock.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.cdi.fixtures.AirlockWeld;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 1,000 JTA transactions (Narayana), a random half rolled back — by exception, by setRollbackOnly, some of
 * them inside an outer scope that still flushes afterwards: exactly the committed transactions' intents are
 * dispatched, each once.
 */
@ExtendWith(WeldJunit5Extension.class)
class TransactionStressTest {

    enum Outcome { COMMIT, EXCEPTION, ROLLBACK_ONLY }

    @ApplicationScoped
    public static class Ledger {
        private final Map<Integer, AtomicInteger> hits = new ConcurrentHashMap<>();

        public void hit(Integer transaction, Integer part) {
            hits.computeIfAbsent(transaction * 10 + part, k -> new AtomicInteger()).incrementAndGet();
        }

        Map<Integer, AtomicInteger> hits() {
            return hits;
        }
    }

    @ApplicationScoped
    public static class Work {
        @Inject
        Airlock airlock;
        @Inject
        TransactionSynchronizationRegistry registry;

        /** Enqueues two intents in the caller's scope, then ends as told. */
        @Transactional
        public void enqueueInCallersScope(int tx, Outcome outcome) {
            airlock.enqueue(Ledger::hit, tx, 0);
            airlock.enqueue(Ledger::hit, tx, 1);
            end(outcome);
        }

        /** Opens and flushes its own scope inside the transaction, then ends as told. */
        @Transactional
        public void flushInsideTransaction(int tx, Outcome outcome) {
            airlock.run(() -> {
                airlock.enqueue(Ledger::hit, tx, 0);
                airlock.enqueue(Ledger::hit, tx, 1);
            });
            end(outcome);
        }

        private void end(Outcome outcome) {
            if (outcome == Outcome.EXCEPTION) {
                throw new IllegalStateException("rolled back");
            }
            if (outcome == Outcome.ROLLBACK_ONLY) {
                registry.setRollbackOnly();
            }
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Ledger.class, Work.class);

    @Inject
    Airlock airlock;
    @Inject
    Work work;
    @Inject
    Ledger ledger;

    @Test
    void exactlyTheCommittedTransactionsIntentsEscapeEachOnce() {
        SplittableRandom random = new SplittableRandom(20261123);
        Set<Integer> committed = new TreeSet<>();
        int[] byOutcome = new int[Outcome.values().length];
        int outerScopes = 0;
        for (int tx = 0; tx < 1_000; tx++) {
            Outcome outcome = random.nextBoolean() ? Outcome.COMMIT : random.nextBoolean() ? Outcome.EXCEPTION : Outcome.ROLLBACK_ONLY;
            byOutcome[outcome.ordinal()]++;
            int t = tx;
            switch (random.nextInt(3)) {
                case 0 -> run(() -> work.flushInsideTransaction(t, outcome));
                case 1 -> {
                    // an outer scope that survives the transaction and flushes afterwards
                    outerScopes++;
                    airlock.run(() -> {
                        airlock.enqueue(Ledger::hit, t, 9);
                        run(() -> work.enqueueInCallersScope(t, outcome));
                    });
                    committed.add(t * 10 + 9);
                }
                default -> run(() -> airlock.run(() -> work.enqueueInCallersScope(t, outcome)));
            }
            if (outcome == Outcome.COMMIT) {
                committed.add(t * 10);
                committed.add(t * 10 + 1);
            }
        }
        Set<Integer> dispatched = new TreeSet<>(ledger.hits().keySet());
        long twice = ledger.hits().values().stream().filter(n -> n.get() > 1).count();
        Set<Integer> lost = new TreeSet<>(committed);
        lost.removeAll(dispatched);
        Set<Integer> escaped = new TreeSet<>(dispatched);
        escaped.removeAll(committed);
        System.out.printf("transactions: 1,000 (%d committed, %d rolled back by exception, %d by setRollbackOnly; %d inside an outer scope "
                + "that flushed afterwards); %d intents should escape, %d dispatched; %d twice, %d lost, %d from rolled-back transactions%n",
                byOutcome[0], byOutcome[1], byOutcome[2], outerScopes, committed.size(), dispatched.size(), twice, lost.size(), escaped.size());
        assertEquals(0, twice, "dispatched twice");
        assertEquals(Set.of(), lost, "lost");
        assertEquals(Set.of(), escaped, "escaped from a rolled-back transaction");
        assertTrue(byOutcome[0] > 400 && byOutcome[1] + byOutcome[2] > 400);
    }

    private static void run(Runnable call) {
        try {
            call.run();
        } catch (IllegalStateException expectedRollback) {
            // the transaction rolled back by exception
        }
    }
}
