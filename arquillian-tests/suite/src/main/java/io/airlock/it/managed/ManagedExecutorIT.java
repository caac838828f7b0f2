package io.airlock.it.managed;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.DispatchOptions;
import io.airlock.concurrent.ManagedIntentExecutor;
import io.airlock.it.Deployments;
import io.airlock.it.support.Effects;
import io.airlock.it.support.Journal;
import io.airlock.it.support.Keys;
import io.airlock.it.support.Run;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ManagedExecutorService executor, configured as the default: {@code airlock.executor=managed}. */
@ExtendWith(ArquillianExtension.class)
class ManagedExecutorIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.managed();
    }

    @Inject
    Airlock airlock;

    @Inject
    Journal journal;

    @Inject
    Orders orders;

    @Test
    void configuredByName() {
        assertTrue(airlock.configuration().executor() instanceof ManagedIntentExecutor, () -> "executor " + airlock.configuration().executor());
    }

    @Test
    void taskRunsOnManagedThreadWithCdiAndJavaComp() throws Exception {
        String key = Keys.unique("managed");
        airlock.run(() -> airlock.enqueue(Effects::record, key));
        Run run = journal.awaitRun(key); // the task is a CDI bean resolved on that thread
        assertNotEquals(Thread.currentThread().getName(), run.thread(), "the task ran on the flushing thread");
        assertTrue(run.javaComp(), "java:comp was not available on the managed thread " + run.thread());
        assertTrue(run.outsideTransaction(), () -> "transaction status on the managed thread: " + run.txStatus());
    }

    @Test
    void dispatchedAfterCommitOnly() throws Exception {
        String key = Keys.unique("commit");
        long workEnded = orders.place(key, false);
        Run run = journal.awaitRun(key);
        assertTrue(run.millis() >= workEnded, () -> "the task ran " + (workEnded - run.millis()) + " ms before the commit");
        assertTrue(run.javaComp(), "java:comp was not available on the managed thread after commit");
        assertTrue(run.outsideTransaction(), () -> "transaction status on the managed thread: " + run.txStatus());

        String failed = Keys.unique("rollback");
        assertThrows(IllegalStateException.class, () -> orders.place(failed, true));
        assertFalse(journal.await(failed, Duration.ofSeconds(1)).isPresent(), "a task of a rolled-back transaction ran");
    }

    @Test
    void delayIsHonoured() throws Exception {
        String key = Keys.unique("delay");
        long flushed = airlock.call(() -> {
            airlock.options(DispatchOptions.builder().delay(Duration.ofMillis(1500)).build()).enqueue(Effects::record, key);
            return System.currentTimeMillis();
        });
        Run run = journal.awaitRun(key);
        assertTrue(run.millis() - flushed >= 1400, () -> "ran " + (run.millis() - flushed) + " ms after the flush, delay 1500 ms");
        assertNotEquals(Thread.currentThread().getName(), run.thread());
    }
}
