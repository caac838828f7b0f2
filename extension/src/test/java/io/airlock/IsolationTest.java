package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.Mailer;
import io.airlock.policy.DropAll;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CleanAirlock.class)
class IsolationTest {

    private final Airlock airlock = Airlock.get();

    @Test
    void anotherThreadNeverSeesThisThreadsScope() throws Exception {
        airlock.scope().policy(new DropAll()).run(() -> {
            Scope mine = airlock.currentScope().orElseThrow();
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                assertTrue(other.submit(() -> airlock.currentScope().isEmpty()).get());
                Future<?> enqueue = other.submit(() -> airlock.enqueue(Mailer::ping));
                Exception e = assertThrows(Exception.class, enqueue::get);
                assertTrue(e.getCause() instanceof NoScopeException);
                assertEquals(0, mine.intents().size());
            } finally {
                other.shutdown();
            }
        });
    }

    @Test
    void concurrentScopesKeepTheirOwnIntents() throws Exception {
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Intent>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long me = t;
            results.add(pool.submit(() -> airlock.scope().policy(new DropAll()).call(() -> {
                start.await();
                for (int i = 0; i < 1_000; i++) {
                    airlock.enqueue(Mailer::sendReminder, me);
                }
                return airlock.currentScope().orElseThrow().intents();
            })));
        }
        start.countDown();
        for (int t = 0; t < threads; t++) {
            List<Intent> intents = results.get(t).get(30, TimeUnit.SECONDS);
            assertEquals(1_000, intents.size());
            for (Intent i : intents) {
                assertEquals((long) t, i.args().get(0), "an intent of another thread leaked into this scope");
            }
        }
        pool.shutdown();
    }

    @Test
    void aPooledThreadNeverInheritsAScopeEvenAfterAnException() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> failing = pool.submit(() -> airlock.run(() -> {
                airlock.withPolicy(new DropAll()).run(() -> {
                    airlock.enqueue(Mailer::ping);
                    throw new IllegalStateException("work failed");
                });
            }));
            assertThrows(Exception.class, failing::get);
            assertTrue(pool.submit(() -> airlock.currentScope().isEmpty()).get());
            assertTrue(pool.submit(() -> ThreadState.current() == null).get(), "the thread-local entry is removed");
            Intent next = pool.submit(() -> airlock.scope().policy(new DropAll()).call(() -> airlock.enqueue(Mailer::ping))).get();
            assertEquals(List.of(), next.localPolicies(), "no local policy left from the earlier work");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aNewRootScopeHasNoParent() {
        airlock.scope().policy(new DropAll()).run(() -> assertTrue(airlock.currentScope().orElseThrow().parent().isEmpty()));
        assertNull(ThreadState.current());
    }

    @Test
    void eachCallOpensItsOwnScope() {
        Scope[] scopes = new Scope[2];
        airlock.run(() -> scopes[0] = airlock.currentScope().orElseThrow());
        airlock.run(() -> scopes[1] = airlock.currentScope().orElseThrow());
        assertNotSame(scopes[0], scopes[1]);
    }
}
