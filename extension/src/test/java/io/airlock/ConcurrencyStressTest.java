package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.fixtures.CleanAirlock;
import io.airlock.policy.DropAll;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 200 threads run 10,000 scope cycles each, with random nesting, local policies, and flush or discard at
 * every level. A model computes which intents must escape; every intent is counted: none dispatched twice,
 * none lost, none seen by another unit of work, and no pooled thread starts with anything left over.
 */
@ExtendWith(CleanAirlock.class)
class ConcurrencyStressTest {

    private static final int THREADS = 200;
    private static final int CYCLES_PER_THREAD = 10_000;
    private static final int CYCLES_PER_JOB = 1_000;
    private static final int MAX_DEPTH = 3;

    private final Airlock airlock = Airlock.get();
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong dispatchedTotal = new AtomicLong();
    private final AtomicLong expectedTotal = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final AtomicLong crossed = new AtomicLong();
    private final AtomicLong leftovers = new AtomicLong();
    private final ThreadLocal<Job> running = new ThreadLocal<>();

    private static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Boom() {
            super(null, null, false, false);
        }
    }

    /** One unit of work on a pooled thread: its own random stream, sequence numbers and books. */
    private final class Job {
        final SplittableRandom random;
        final BitSet expected = new BitSet();
        final BitSet dropped = new BitSet();
        final BitSet dispatched = new BitSet();
        int next;

        Job(long seed) {
            random = new SplittableRandom(seed);
        }

        void cycle() {
            level(0, null);
        }

        private void level(int depth, List<Integer> parentPending) {
            List<Integer> pending = new ArrayList<>(4);
            boolean failed = false;
            try {
                airlock.run(() -> {
                    enqueueSome(pending);
                    if (random.nextInt(4) == 0) {
                        Policy local = random.nextBoolean() ? new DropAll() : intent -> true;
                        boolean drops = local instanceof DropAll;
                        airlock.withPolicy(local).run(() -> {
                            int from = pending.size();
                            enqueueSome(pending);
                            if (drops) {
                                for (int i = from; i < pending.size(); i++) {
                                    dropped.set(pending.get(i));
                                }
                            }
                        });
                    }
                    if (depth < MAX_DEPTH && random.nextInt(3) == 0) {
                        level(depth + 1, pending);
                    }
                    enqueueSome(pending);
                    if (random.nextInt(8) == 0) {
                        throw new Boom();
                    }
                });
            } catch (Boom discarded) {
                failed = true;
            }
            if (failed) {
                return; // this scope and everything it captured is discarded
            }
            if (parentPending != null) {
                parentPending.addAll(pending); // captured by the parent, decided when it ends
            } else {
                for (int seq : pending) {
                    if (!dropped.get(seq)) {
                        expected.set(seq);
                    }
                }
            }
        }

        private void enqueueSome(List<Integer> pending) {
            int n = random.nextInt(3);
            for (int i = 0; i < n; i++) {
                int seq = next++;
                airlock.enqueue(Sink::hit, this, seq);
                pending.add(seq);
            }
        }
    }

    /** The task type; the counting executor reads the arguments instead of calling it. */
    static final class Sink {
        void hit(Job job, Integer seq) {
            throw new AssertionError("the counting executor does not run tasks");
        }
    }

    @Test
    void everyIntentIsAccountedFor() throws Exception {
        // Intents carry their job and sequence number as arguments, so the executor can check them.
        IntentExecutor counting = intent -> {
            Job owner = (Job) intent.args().get(0);
            int seq = (Integer) intent.args().get(1);
            if (owner != running.get()) {
                crossed.incrementAndGet();
                return;
            }
            if (owner.dispatched.get(seq)) {
                duplicates.incrementAndGet();
            }
            owner.dispatched.set(seq);
        };
        airlock.configure(c -> c.withExecutor(counting));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> jobs = new ArrayList<>();
        int jobCount = THREADS * CYCLES_PER_THREAD / CYCLES_PER_JOB;
        for (int j = 0; j < jobCount; j++) {
            long seed = 0xA1B2C3L * (j + 1);
            jobs.add(pool.submit(() -> runJob(new Job(seed))));
        }
        for (Future<?> job : jobs) {
            job.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));

        System.out.printf("concurrency: %d threads, %,d scope cycles in %,d pooled jobs; %,d intents enqueued, %,d expected to escape, "
                + "%,d dispatched; %d dispatched twice, %d lost, %d escaped wrongly, %d seen by another unit of work, %d leftover scopes%n",
                THREADS, (long) THREADS * CYCLES_PER_THREAD, jobCount, enqueued.get(), expectedTotal.get(), dispatchedTotal.get(),
                duplicates.get(), lost.get(), unexpected.get(), crossed.get(), leftovers.get());
        assertEquals(0, duplicates.get(), "dispatched twice");
        assertEquals(0, lost.get(), "lost");
        assertEquals(0, unexpected.get(), "escaped though a scope discarded it or a local policy dropped it");
        assertEquals(0, crossed.get(), "seen by another unit of work");
        assertEquals(0, leftovers.get(), "a pooled thread started with a scope left by earlier work");
        assertEquals(expectedTotal.get(), dispatchedTotal.get());
        assertTrue(expectedTotal.get() > 1_000_000, "the run must exercise a large number of intents");
    }

    private void runJob(Job job) {
        if (airlock.currentScope().isPresent() || ThreadState.current() != null) {
            leftovers.incrementAndGet();
            ThreadState.clear();
        }
        running.set(job);
        try {
            for (int c = 0; c < CYCLES_PER_JOB; c++) {
                job.cycle();
            }
        } finally {
            running.remove();
        }
        if (ThreadState.current() != null) {
            leftovers.incrementAndGet();
        }
        enqueued.addAndGet(job.next);
        BitSet missing = (BitSet) job.expected.clone();
        missing.andNot(job.dispatched);
        BitSet extra = (BitSet) job.dispatched.clone();
        extra.andNot(job.expected);
        lost.addAndGet(missing.cardinality());
        unexpected.addAndGet(extra.cardinality());
        expectedTotal.addAndGet(job.expected.cardinality());
        dispatchedTotal.addAndGet(job.dispatched.cardinality());
    }
}
