package io.airlock.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.Airlock;
import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.docs.shop.Calls;
import io.airlock.docs.shop.Mailer;
import io.airlock.docs.shop.Payments;
import io.airlock.docs.shop.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** docs/custom-executors.md */
class CustomExecutorsTest extends DocTest {

    static final Logger log = Logger.getLogger("docs");

    @Test
    void oneMethod() {
        // tag::lambda[]
        IntentExecutor logging = intent -> {
            log.info("Executing " + intent);   // Executing sendConfirmation(42, "a@b.c")
            intent.invoke();                    // resolves the target (a CDI bean in a container) and calls it
        };

        airlock.scope().executor(logging).run(() -> airlock.enqueue(Mailer::sendConfirmation, 42L, "a@b.c"));
        // end::lambda[]
        assertEquals(List.of("sendConfirmation(42, a@b.c)"), Calls.all());
    }

    @Test
    void threadPool() throws Exception {
        // tag::threadPool[]
        ExecutorService pool = Executors.newFixedThreadPool(10);

        IntentExecutor threaded = intent -> pool.execute(() -> {
            try {
                Airlock.get().run(intent::invoke);   // its own scope: what the task enqueues escapes when it succeeds
            } catch (Exception e) {
                log.log(Level.SEVERE, "Task " + intent + " failed", e);
            }
        });

        airlock.scope().executor(threaded).run(() -> airlock.enqueue(Warehouse::reserveStock, 42L));
        // dispatched: reserveStock(42) runs on a pool thread
        // end::threadPool[]
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        assertEquals(List.of("reserveStock(42)"), Calls.all());
    }

    @Test
    void readingOptions() throws Exception {
        List<Intent> queued = new ArrayList<>();
        IntentExecutor queue = queued::add;
        // tag::priority[]
        IntentExecutor byPriority = intent -> {
            if (intent.options().priority().orElse(4) >= 8) {
                intent.invoke();                // urgent: run it now, here
            } else {
                queue.execute(intent);          // the rest: hand it to the queue
            }
        };

        airlock.scope().executor(byPriority).run(() -> {
            airlock.options(DispatchOptions.builder().priority(9).build()).enqueue(Mailer::sendConfirmation, 42L, "a@b.c");
            airlock.enqueue(Mailer::sendReminder, 42L);
        });
        // end::priority[]
        assertEquals(List.of("sendConfirmation(42, a@b.c)"), Calls.all());
        assertEquals("[sendReminder(42)]", queued.toString());
    }

    @Test
    void errorHandling() {
        Payments.serviceDown(true);
        // tag::careful[]
        IntentExecutor careful = intent -> {
            try {
                intent.invoke();
            } catch (Exception e) {
                log.severe("Failed to execute " + intent.name() + ": " + e);
                throw e;   // rethrow: the flush stops here, the rest of the batch is not attempted
            }
        };
        // end::careful[]
        assertThrows(IllegalStateException.class, () -> airlock.scope().executor(careful).run(() -> {
            airlock.enqueue(Payments::capture, 42L);
            airlock.enqueue(Mailer::sendReminder, 42L);
        }));
        assertEquals(List.of("capture(42) failed"), Calls.all());
    }

    // tag::retry[]
    /** The hand-written equivalent of executor.withRetry(attempts, Backoff.none()). */
    static IntentExecutor withRetry(IntentExecutor executor, int attempts) {
        return intent -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    executor.execute(intent);
                    return;
                } catch (Exception e) {
                    if (attempt == attempts) {
                        throw e;
                    }
                    log.warning("Retry " + attempt + "/" + attempts + " of " + intent);
                }
            }
        };
    }
    // end::retry[]

    @Test
    void composing() {
        int[] tries = {0};
        IntentExecutor flaky = intent -> {
            if (++tries[0] < 3) {
                throw new IllegalStateException("broker busy");
            }
            intent.invoke();
        };
        airlock.scope().executor(withRetry(flaky, 3)).run(() -> airlock.enqueue(Mailer::sendReminder, 1L));
        assertEquals(List.of("sendReminder(1)"), Calls.all());
    }

    // tag::batching[]
    /** Sends the intents of one flush as one bulk request instead of one request each. */
    public static class BulkMailExecutor implements IntentExecutor {
        @Override
        public void execute(Intent intent) throws Exception {
            try (Batch batch = openBatch(List.of(intent))) {
                batch.execute(intent);
            }
        }

        @Override
        public Batch openBatch(List<Intent> intents) {
            List<Intent> bulk = new ArrayList<>();   // one flush's intents, never kept across flushes
            return new Batch() {
                @Override
                public void execute(Intent intent) {
                    bulk.add(intent);
                }

                @Override
                public void close() {
                    BulkMailApi.send(bulk);   // a failure here is logged, not thrown: see below
                }
            };
        }
    }
    // end::batching[]

    /** Stands for a mail provider's bulk API. */
    static final class BulkMailApi {
        static final List<String> REQUESTS = new ArrayList<>();

        static void send(List<Intent> intents) {
            REQUESTS.add(intents.toString());
        }
    }

    @Test
    void batching() {
        BulkMailApi.REQUESTS.clear();
        airlock.scope().executor(new BulkMailExecutor()).run(() -> {
            airlock.enqueue(Mailer::sendReminder, 1L);
            airlock.enqueue(Mailer::sendReminder, 2L);
        });
        assertEquals(List.of("[sendReminder(1), sendReminder(2)]"), BulkMailApi.REQUESTS);
    }
}
